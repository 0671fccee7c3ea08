import Datasets
import Dispatch
import Engine

/// One encoder or decoder layer timed inside real training steps, beside its passes timed alone:
/// where the whole step's time beyond the per-pass rows goes.
struct InStepRow: Codable {
    /// `encoder.0 Conv2d(1, 32, …)`, as in the per-pass rows; or the rest of the step.
    let part: String
    /// Milliseconds per step, means over the timed steps.
    let forward: Double, backward: Double
    /// The same passes timed alone (the per-pass rows), for comparison.
    let forwardAlone: Double, backwardAlone: Double
    /// Whether this is the rest of the step, which has one time (kept in `forward`) rather than two.
    var isRestOfStep = false
}

/// Adds up the time of each layer's passes in one `Sequential`.
private final class PassClock: LayerPassObserver {
    private var started: UInt64 = 0
    private(set) var forward: [UInt64], backward: [UInt64]

    init(layers: Int) {
        forward = Array(repeating: 0, count: layers)
        backward = Array(repeating: 0, count: layers)
    }

    func willRun(layer index: Int, backward: Bool) { started = DispatchTime.now().uptimeNanoseconds }

    func didRun(layer index: Int, backward isBackward: Bool) {
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        if isBackward { backward[index] += elapsed } else { forward[index] += elapsed }
    }
}

/// Trains `model` for `steps` steps on shuffled batches of `data` with every encoder and decoder
/// layer timed, and returns one row per such layer, then one for the rest of the step (heads,
/// reparameterisation, loss, Adam and the batch's gather: the mean step less the layers' time).
func inStepRows(
    model: VariationalAutoencoder, data: LabeledExamples, batch: Int, steps: Int, alone rows: [ProfileRow]
) -> [InStepRow] {
    let step = TrainingStep(model: model, learningRate: 1e-3, beta: 1)
    var batches = FullBatches(of: data, batchSize: batch, seed: 5)
    var noise = SeededGenerator(seed: 6)
    return inStepRows(
        stacks: [("encoder", model.encoder), ("decoder", model.decoder)], steps: steps, rest: BenchMessages.restOfStep,
        alone: rows
    ) { step.run(images: batches.next(), generator: &noise) }
}

/// Runs `step` `steps` times with every layer of `stacks` timed (after one untimed warm-up step),
/// and returns one row per such layer, named `<stack>.<index> <layer>` as the per-pass rows are,
/// then one named `rest` for the mean step less the layers' time.
func inStepRows(
    stacks: [(name: String, sequential: Sequential)], steps: Int, rest: String, alone rows: [ProfileRow],
    step: () -> Void
) -> [InStepRow] {
    let clocks = stacks.map { PassClock(layers: $0.sequential.layers.count) }
    step()  // warm-up, untimed
    for (stack, clock) in zip(stacks, clocks) { stack.sequential.observer = clock }
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<steps { step() }
    let wholeStep = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(steps)
    for stack in stacks { stack.sequential.observer = nil }

    func alone(_ part: String, _ passes: Set<String>) -> Double {
        rows.filter { $0.part == part && passes.contains($0.pass) }.reduce(0) { $0 + $1.milliseconds }
    }
    var result: [InStepRow] = []
    for ((name, sequential), clock) in zip(stacks, clocks) {
        for (index, layer) in sequential.layers.enumerated() {
            let part = "\(name).\(index) \(layer.description)"
            result.append(
                InStepRow(
                    part: part, forward: Double(clock.forward[index]) / 1e6 / Double(steps),
                    backward: Double(clock.backward[index]) / 1e6 / Double(steps),
                    forwardAlone: alone(part, ["forward"]),
                    backwardAlone: alone(part, ["backward", "weight gradient", "input gradient"])))
        }
    }
    let layersTime = result.reduce(0) { $0 + $1.forward + $1.backward }
    let restAlone = rows.filter { row in !stacks.contains { row.part.hasPrefix("\($0.name).") } }
        .reduce(0) { $0 + $1.milliseconds }
    result.append(
        InStepRow(
            part: rest, forward: wholeStep - layersTime, backward: 0, forwardAlone: restAlone, backwardAlone: 0,
            isRestOfStep: true))
    return result
}
