import Engine
import Foundation
import TestSupport
import Testing

/// PyTorch's numbers for single layers, written by
/// `/work/venv-torch/bin/python Benchmarks/make_layer_fixtures.py` (any Python with torch):
/// fixed inputs and output gradients dy, and PyTorch's outputs and gradients of Σ y ⊙ dy.
private struct LayerFixture: Decodable {
    struct Pooling: Decodable, CustomTestStringConvertible {
        let name, kind, description: String
        let kernel, stride, padding: Int
        let inputShape, outputShape: [Int]
        let input, gradOutput, output, gradInput: [Float]
        var testDescription: String { name }
    }
    struct Linear: Decodable, CustomTestStringConvertible {
        let name, description: String
        let inFeatures, outFeatures, batch: Int
        let stateDict: [String]
        let weight, input, gradOutput, output, gradInput, gradWeight: [Float]
        var testDescription: String { name }
    }
    struct CrossEntropy: Decodable, CustomTestStringConvertible {
        let name: String
        let rows, classes, correct: Int
        let logits, gradLogits: [Float]
        let labels: [UInt8]
        let loss: Double
        var testDescription: String { name }
    }
    struct Dropout: Decodable, CustomTestStringConvertible {
        let probability: Float
        let description: String
        let evaluationIsIdentity: Bool
        let trainingValues: [Float]
        let keptFraction: Double
        var testDescription: String { description }
    }
    /// A Conv2d case, or a ConvTranspose2d one (which alone has an output padding).
    struct Convolution: Decodable, CustomTestStringConvertible {
        let name, description: String
        let inChannels, outChannels, kernel, stride, padding: Int
        let outputPadding: Int?
        let inputShape, outputShape: [Int]
        let weight, bias, input, gradOutput, output, gradInput, gradWeight, gradBias: [Float]
        var testDescription: String { name }
    }
    let pooling: [Pooling]
    let linear: [Linear]
    let crossEntropy: [CrossEntropy]
    let dropout: [Dropout]
    let conv2d: [Convolution]
    /// `conv_transpose2d`: the snake-case conversion capitalises the "d" after a digit.
    let convTranspose2D: [Convolution]

    static let loaded: LayerFixture? = {
        guard let data = try? Data(contentsOf: FixturePaths.fixture("pytorch_layers.json")) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(LayerFixture.self, from: data)
    }()
}

/// max |a − b| / max(1, max |b|), and infinity when the counts differ.
private func difference(_ a: [Float], _ b: [Float]) -> Float {
    guard a.count == b.count else { return .infinity }
    let scale = max(1, b.map(abs).max() ?? 0)
    return (zip(a, b).map { abs($0 - $1) }.max() ?? 0) / scale
}

@Test func theLayerFixtureLoads() {
    #expect(LayerFixture.loaded != nil, "Tests/Fixtures/pytorch_layers.json is missing or malformed")
}

/// Max and average pooling give PyTorch's output and input gradient, including its tie-break
/// (the case with tied integer inputs) and its divisor with padding (count_include_pad=True).
@Test(arguments: LayerFixture.loaded?.pooling ?? [])
private func poolingAgreesWithPyTorch(_ fixture: LayerFixture.Pooling) {
    let layer: any Layer =
        fixture.kind == "max"
        ? MaxPool2d(kernelSize: fixture.kernel, stride: fixture.stride, padding: fixture.padding)
        : AvgPool2d(kernelSize: fixture.kernel, stride: fixture.stride, padding: fixture.padding)
    #expect(layer.description == fixture.description)
    let input = Tensor(shape: Shape(fixture.inputShape), values: fixture.input)
    let output = layer.forward(input)
    #expect(output.shape.dimensions == fixture.outputShape)
    let gradInput = layer.backward(gradOutput: Tensor(shape: output.shape, values: fixture.gradOutput))
    #expect(difference(output.values, fixture.output) < 1e-6)
    #expect(difference(gradInput.values, fixture.gradInput) < 1e-6)
}

/// Linear without bias, loaded with PyTorch's weight: the same output, gradients and state_dict names.
@Test(arguments: LayerFixture.loaded?.linear ?? [])
private func linearWithoutBiasAgreesWithPyTorch(_ fixture: LayerFixture.Linear) {
    var generator = SeededGenerator(seed: 0)
    let layer = Linear(fixture.inFeatures, fixture.outFeatures, bias: false, generator: &generator)
    #expect(layer.description == fixture.description)
    #expect(layer.parameters.map(\.name) == fixture.stateDict)
    _ = layer.weight.value.buffer.update(fromContentsOf: fixture.weight)
    let input = Tensor(shape: [fixture.batch, fixture.inFeatures], values: fixture.input)
    let output = layer.forward(input)
    let gradInput = layer.backward(gradOutput: Tensor(shape: output.shape, values: fixture.gradOutput))
    #expect(difference(output.values, fixture.output) < 1e-6)
    #expect(difference(gradInput.values, fixture.gradInput) < 1e-6)
    #expect(difference(layer.weight.grad.values, fixture.gradWeight) < 1e-6)
}

/// Softmax cross-entropy gives `nn.CrossEntropyLoss()`'s mean loss and gradient, and
/// `(logits.argmax(1) == labels).sum()` correct predictions.
@Test(arguments: LayerFixture.loaded?.crossEntropy ?? [])
private func softmaxCrossEntropyAgreesWithPyTorch(_ fixture: LayerFixture.CrossEntropy) {
    let loss = SoftmaxCrossEntropy()
    let logits = Tensor(shape: [fixture.rows, fixture.classes], values: fixture.logits)
    let value = loss.forward(logits: logits, labels: fixture.labels)
    #expect(abs(value - fixture.loss) <= 1e-6 * max(1, abs(fixture.loss)))
    #expect(difference(loss.backward().values, fixture.gradLogits) < 1e-6)
    #expect(loss.correctPredictions == fixture.correct)
}

/// Dropout cannot match PyTorch's mask (the random generators differ), so it matches what PyTorch
/// shows of it: the identity while evaluating, and while training the same two values an element
/// can take, with the kept fraction within 1% of PyTorch's on 100,000 elements.
@Test(arguments: LayerFixture.loaded?.dropout ?? [])
private func dropoutAgreesWithPyTorchInDistribution(_ fixture: LayerFixture.Dropout) {
    var generator = SeededGenerator(seed: 45)
    let layer = Dropout(probability: fixture.probability, generator: &generator)
    #expect(layer.description == fixture.description)
    let probe = randomTensor([64], generator: &generator)
    layer.isTraining = false
    #expect((layer.forward(probe).values == probe.values) == fixture.evaluationIsIdentity)
    layer.isTraining = true
    let output = layer.forward(Tensor(shape: [100_000], values: [Float](repeating: 1, count: 100_000))).values
    #expect(Set(output).sorted() == fixture.trainingValues)
    let kept = Double(output.filter { $0 != 0 }.count) / 100_000
    #expect(abs(kept - fixture.keptFraction) < 0.01)
}

/// Conv2d of every kernel size, stride and padding the fixture has, loaded with PyTorch's weight
/// and bias: the same output, input gradient (`backward`) and accumulated weight and bias gradients.
@Test(arguments: LayerFixture.loaded?.conv2d ?? [])
private func conv2dAgreesWithPyTorch(_ fixture: LayerFixture.Convolution) {
    var generator = SeededGenerator(seed: 0)
    let layer = Conv2d(
        fixture.inChannels, fixture.outChannels, kernelSize: fixture.kernel, stride: fixture.stride,
        padding: fixture.padding, generator: &generator)
    #expect(layer.description == fixture.description)
    expectConvolutionAgrees(layer, weight: layer.weight, bias: layer.bias, with: fixture)
}

/// ConvTranspose2d, likewise, with and without an output padding.
@Test(arguments: LayerFixture.loaded?.convTranspose2D ?? [])
private func convTranspose2dAgreesWithPyTorch(_ fixture: LayerFixture.Convolution) {
    var generator = SeededGenerator(seed: 0)
    let layer = ConvTranspose2d(
        fixture.inChannels, fixture.outChannels, kernelSize: fixture.kernel, stride: fixture.stride,
        padding: fixture.padding, outputPadding: fixture.outputPadding ?? 0, generator: &generator)
    #expect(layer.description == fixture.description)
    expectConvolutionAgrees(layer, weight: layer.weight, bias: layer.bias, with: fixture)
}

/// Sums of at most a few hundred float32 products, added in another order than PyTorch's (and
/// through Winograd's transforms for 3×3 windows with stride 1 and padding 1), differ in the last
/// bits: at most 4e-7 of the largest value in these cases, 25 times below this.
private let convolutionTolerance: Float = 1e-5

private func expectConvolutionAgrees(
    _ layer: any Layer, weight: Parameter, bias: Parameter, with fixture: LayerFixture.Convolution
) {
    #expect(weight.value.count == fixture.weight.count && bias.value.count == fixture.bias.count)
    _ = weight.value.buffer.update(fromContentsOf: fixture.weight)
    _ = bias.value.buffer.update(fromContentsOf: fixture.bias)
    let output = layer.forward(Tensor(shape: Shape(fixture.inputShape), values: fixture.input))
    #expect(output.shape.dimensions == fixture.outputShape)
    let gradInput = layer.backward(gradOutput: Tensor(shape: output.shape, values: fixture.gradOutput))
    #expect(difference(output.values, fixture.output) < convolutionTolerance)
    #expect(difference(gradInput.values, fixture.gradInput) < convolutionTolerance)
    #expect(difference(weight.grad.values, fixture.gradWeight) < convolutionTolerance)
    #expect(difference(bias.grad.values, fixture.gradBias) < convolutionTolerance)
}
