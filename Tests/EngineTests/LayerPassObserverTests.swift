import Engine
import Testing

/// Records the calls it gets, as "will 2 forward", "did 2 backward".
private final class Recorder: LayerPassObserver {
    var calls: [String] = []
    func willRun(layer index: Int, backward: Bool) {
        calls.append("will \(index) \(backward ? "backward" : "forward")")
    }
    func didRun(layer index: Int, backward: Bool) { calls.append("did \(index) \(backward ? "backward" : "forward")") }
}

// An observer hears every layer's pass begin and end, in the order the passes run: forward
// first to last, backward last to first, and backwardToParameters stops at the first learnable
// layer (the Flatten before it never runs backward).
@Test func anObserverHearsEveryPassInTheOrderItRuns() {
    var generator = SeededGenerator(seed: 71)
    let model = Sequential([Reshape.flatten(features: 4), Linear(4, 3, generator: &generator), Activation(Tanh())])
    let recorder = Recorder()
    model.observer = recorder
    let x = Tensor(shape: [2, 1, 2, 2], values: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    let dy = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
    _ = model.forward(x)
    #expect(
        recorder.calls == [
            "will 0 forward", "did 0 forward", "will 1 forward", "did 1 forward", "will 2 forward", "did 2 forward",
        ])
    recorder.calls = []
    _ = model.backward(gradOutput: dy)
    #expect(
        recorder.calls == [
            "will 2 backward", "did 2 backward", "will 1 backward", "did 1 backward", "will 0 backward",
            "did 0 backward",
        ])
    recorder.calls = []
    model.backwardToParameters(gradOutput: dy)
    #expect(recorder.calls == ["will 2 backward", "did 2 backward", "will 1 backward", "did 1 backward"])
    model.observer = nil
    recorder.calls = []
    _ = model.forward(x)
    #expect(recorder.calls.isEmpty)
}
