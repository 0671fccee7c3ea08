import Engine
import TestSupport
import Testing

/// A new layer with an input shape, for the buffer-reuse check.
struct ReuseCase: CustomTestStringConvertible, Sendable {
    let name: String
    let inputShape: Shape
    let make: @Sendable () -> any Layer
    var testDescription: String { name }
}

private let reuseCases: [ReuseCase] = [
    ReuseCase(name: "MaxPool2d", inputShape: [3, 2, 9, 9], make: { MaxPool2d(kernelSize: 3, stride: 2, padding: 1) }),
    ReuseCase(name: "AvgPool2d", inputShape: [3, 2, 9, 9], make: { AvgPool2d(kernelSize: 2) }),
    ReuseCase(
        name: "Dropout",
        inputShape: [4, 33],
        make: {
            var generator = SeededGenerator(seed: 71)
            return Dropout(probability: 0.5, generator: &generator)
        }),
    ReuseCase(
        name: "Linear without bias",
        inputShape: [4, 6],
        make: {
            var generator = SeededGenerator(seed: 72)
            return Linear(6, 5, bias: false, generator: &generator)
        }),
]

/// After a warm-up step, a step returns the very tensors the warm-up did: the layer refills its
/// buffers instead of allocating new ones (a smaller batch, as MNIST's last, reuses them too).
@Test(arguments: reuseCases)
func aSteadyStepReusesTheLayersBuffers(_ reuseCase: ReuseCase) {
    let layer = reuseCase.make()
    var generator = SeededGenerator(seed: 73)
    let input = randomTensor(reuseCase.inputShape, generator: &generator)
    let gradOutput = randomTensor(layer.outputShape(for: reuseCase.inputShape), generator: &generator)
    let warmOutput = layer.forward(input)
    let warmGradient = layer.backward(gradOutput: gradOutput)
    #expect(layer.forward(input) === warmOutput)
    #expect(layer.backward(gradOutput: gradOutput) === warmGradient)
    let smaller = input.items(0..<2)
    #expect(layer.forward(smaller) === warmOutput)
    #expect(layer.backward(gradOutput: gradOutput.items(0..<2)) === warmGradient)
}

/// The loss refills its probabilities and gradient, and keeps the labels' capacity.
@Test func aSteadyLossStepReusesItsBuffers() {
    var generator = SeededGenerator(seed: 74)
    let logits = randomTensor([5, 4], generator: &generator)
    let loss = SoftmaxCrossEntropy()
    _ = loss.forward(logits: logits, labels: [0, 1, 2, 3, 0])
    let probabilities = loss.probabilities
    let gradient = loss.backward()
    _ = loss.forward(logits: logits, labels: [3, 2, 1, 0, 1])
    #expect(loss.probabilities === probabilities)
    #expect(loss.backward() === gradient)
}
