import TestSupport
import Testing

@testable import Engine

/// The layers that apply a following ReLU in their own last pass, one per lowering.
enum ReLUProducer: CaseIterable, Sendable {
    /// Conv2d unfolded block by block (stride 2), its output laid out with the bias.
    case unfoldedConvolution
    /// Conv2d by Winograd F(2×2, 3×3), the bias added in the output transform.
    case winogradConvolution
    /// Conv2d of one-channel images computed directly, the bias its sums' start.
    case singleChannelConvolution
    /// ConvTranspose2d, the bias added in its own pass after the fold.
    case transposedConvolution

    func makeLayer(generator: inout SeededGenerator) -> (any Layer & ReLUEpilogue, input: Shape) {
        switch self {
        case .unfoldedConvolution:
            (Conv2d(3, 5, kernelSize: 3, stride: 2, padding: 1, generator: &generator), [10, 3, 9, 9])
        case .winogradConvolution:
            (Conv2d(3, 5, kernelSize: 3, stride: 1, padding: 1, generator: &generator), [10, 3, 7, 7])
        case .singleChannelConvolution:
            (Conv2d(1, 5, kernelSize: 3, generator: &generator), [10, 1, 20, 20])
        case .transposedConvolution:
            (
                ConvTranspose2d(3, 5, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, generator: &generator),
                [10, 3, 5, 5]
            )
        }
    }
}

// Fused into the layer before it, the ReLU passes its input through: the output, the input
// gradient and the parameter gradients must be exactly those of the two layers run apart.
@Test(arguments: ReLUProducer.allCases)
func aFusedReLUGivesExactlyTheSeparateLayersResults(producer: ReLUProducer) {
    var fusedGenerator = SeededGenerator(seed: 51), separateGenerator = SeededGenerator(seed: 51)
    let (fused, shape) = producer.makeLayer(generator: &fusedGenerator)
    let (separate, _) = producer.makeLayer(generator: &separateGenerator)
    let pair = Sequential([fused, Activation(ReLU())])
    let relu = Activation(ReLU())
    #expect(fused.rectifiesOutput && !separate.rectifiesOutput)

    var generator = SeededGenerator(seed: 52)
    let x = randomTensor(shape, generator: &generator)
    let output = pair.forward(x)
    let y = output.values
    let expected = relu.forward(separate.forward(x)).values
    #expect(differences(y, expected) == 0)
    #expect(y.filter { $0 == 0 }.count > y.count / 4 && y.allSatisfy { $0 >= 0 })

    let dy = randomTensor(output.shape, generator: &generator)
    pair.zeroGrad()
    separate.zeroGrad()
    let dx = pair.backward(gradOutput: dy).values
    #expect(differences(dx, separate.backward(gradOutput: relu.backward(gradOutput: dy)).values) == 0)
    for (a, b) in zip(fused.parameters, separate.parameters) {
        #expect(differences(a.grad.values, b.grad.values) == 0, "\(a.name)")
    }
}

/// How many elements of two equally long arrays differ.
private func differences(_ a: [Float], _ b: [Float]) -> Int {
    zip(a, b).filter { $0 != $1 }.count + abs(a.count - b.count)
}

// Only a ReLU right after such a layer is fused: not one after a Linear, nor another function.
@Test func onlyAReLURightAfterAFusingLayerIsFused() {
    var generator = SeededGenerator(seed: 53)
    let convolution = Conv2d(1, 2, kernelSize: 3, stride: 2, padding: 1, generator: &generator)
    let other = Conv2d(2, 2, kernelSize: 3, stride: 2, padding: 1, generator: &generator)
    let linear = Linear(8, 4, generator: &generator)
    let reluAfterLinear = Activation(ReLU())
    _ = Sequential([
        convolution, Activation(Tanh()), other, Reshape.flatten(features: 8), linear, reluAfterLinear,
    ])
    #expect(!convolution.rectifiesOutput && !other.rectifiesOutput && !reluAfterLinear.inputIsRectified)
}

// A ReLU right before a max-pooling leaves its backward to the pooling, which keeps dy only where
// the window's maximum is positive: dx and the gradients must be exactly those of the layers run
// apart, with windows that tile the plane and with overlapping ones (a pixel that is two
// windows' argmax adds both).
@Test(arguments: [(2, 2), (3, 2)])
func aReLUBeforeMaxPoolingGivesExactlyTheSeparateLayersGradients(kernel: Int, stride: Int) {
    var fusedGenerator = SeededGenerator(seed: 53), separateGenerator = SeededGenerator(seed: 53)
    let fused = Sequential([
        Conv2d(2, 4, kernelSize: 3, padding: 1, generator: &fusedGenerator), Activation(ReLU()),
        MaxPool2d(kernelSize: kernel, stride: stride),
    ])
    let conv = Conv2d(2, 4, kernelSize: 3, padding: 1, generator: &separateGenerator)
    let relu = Activation(ReLU()), pool = MaxPool2d(kernelSize: kernel, stride: stride)
    var generator = SeededGenerator(seed: 54)
    let x = randomTensor([6, 2, 9, 9], generator: &generator)
    let output = fused.forward(x)
    #expect(differences(output.values, pool.forward(relu.forward(conv.forward(x))).values) == 0)
    let dy = randomTensor(output.shape, generator: &generator)
    fused.zeroGrad()
    conv.zeroGrad()
    let dx = fused.backward(gradOutput: dy).values
    let expected = conv.backward(gradOutput: relu.backward(gradOutput: pool.backward(gradOutput: dy))).values
    #expect(differences(dx, expected) == 0)
    #expect(dx.filter { $0 != 0 }.count > 0)
    for (a, b) in zip(fused.parameters, conv.parameters) {
        #expect(differences(a.grad.values, b.grad.values) == 0, "\(a.name)")
    }
}
