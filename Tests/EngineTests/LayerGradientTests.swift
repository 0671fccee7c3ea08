import Engine
import TestSupport
import Testing

/// One gradient-check case: a description for the test name, a layer factory and an input shape.
struct LayerCase: CustomTestStringConvertible, Sendable {
    let name: String
    let inputShape: Shape
    let make: @Sendable () -> any Layer
    var testDescription: String { "\(name) on \(inputShape)" }
}

private func seeded(_ build: @escaping @Sendable (inout SeededGenerator) -> any Layer) -> @Sendable () -> any Layer {
    {
        var generator = SeededGenerator(seed: 5)
        return build(&generator)
    }
}

private let layerCases: [LayerCase] = [
    LayerCase(name: "Linear 5→3", inputShape: [4, 5], make: seeded { Linear(5, 3, generator: &$0) }),
    LayerCase(name: "Linear 1→7", inputShape: [1, 1], make: seeded { Linear(1, 7, generator: &$0) }),
    LayerCase(name: "Linear 12→2 on images", inputShape: [2, 3, 2, 2], make: seeded { Linear(12, 2, generator: &$0) }),
    LayerCase(
        name: "Linear 5→3 without bias", inputShape: [4, 5], make: seeded { Linear(5, 3, bias: false, generator: &$0) }),
    LayerCase(
        name: "Linear 12→1 without bias on images", inputShape: [3, 3, 2, 2],
        make: seeded { Linear(12, 1, bias: false, generator: &$0) }),
    LayerCase(
        name: "Linear 1→7 without bias", inputShape: [1, 1], make: seeded { Linear(1, 7, bias: false, generator: &$0) }),
    // Max-pooling is differentiable where a window's maximum is unique: the inputs are random
    // floats, far enough apart that the ±1e-3 steps never change a window's argmax.
    LayerCase(name: "MaxPool2d k2 s2 p0 odd", inputShape: [2, 3, 5, 5], make: { MaxPool2d(kernelSize: 2) }),
    LayerCase(
        name: "MaxPool2d k3 s2 p1 overlapping", inputShape: [2, 2, 7, 6],
        make: { MaxPool2d(kernelSize: 3, stride: 2, padding: 1) }),
    LayerCase(
        name: "MaxPool2d k3 s1 p0 overlapping", inputShape: [1, 2, 5, 4], make: { MaxPool2d(kernelSize: 3, stride: 1) }),
    LayerCase(
        name: "MaxPool2d k2 s3 p1 gaps", inputShape: [2, 1, 7, 8],
        make: { MaxPool2d(kernelSize: 2, stride: 3, padding: 1) }),
    LayerCase(name: "AvgPool2d k2 s2 p0 odd", inputShape: [2, 3, 5, 5], make: { AvgPool2d(kernelSize: 2) }),
    LayerCase(
        name: "AvgPool2d k3 s2 p1 overlapping", inputShape: [2, 2, 7, 6],
        make: { AvgPool2d(kernelSize: 3, stride: 2, padding: 1) }),
    LayerCase(
        name: "AvgPool2d k3 s1 p1", inputShape: [1, 2, 4, 5], make: { AvgPool2d(kernelSize: 3, stride: 1, padding: 1) }),
    LayerCase(
        name: "AvgPool2d k2 s3 p0 gaps", inputShape: [1, 1, 7, 7], make: { AvgPool2d(kernelSize: 2, stride: 3) }),
    LayerCase(
        name: "Conv2d k3 s1 p0", inputShape: [2, 2, 5, 5],
        make: seeded { Conv2d(2, 3, kernelSize: 3, generator: &$0) }),
    LayerCase(
        name: "Conv2d k3 s2 p1", inputShape: [2, 3, 6, 6],
        make: seeded { Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1, generator: &$0) }),
    LayerCase(
        name: "Conv2d k2 s2 p0 non-square", inputShape: [3, 1, 4, 6],
        make: seeded { Conv2d(1, 2, kernelSize: 2, stride: 2, generator: &$0) }),
    LayerCase(
        name: "Conv2d k3 s1 p1", inputShape: [1, 2, 7, 7],
        make: seeded { Conv2d(2, 2, kernelSize: 3, padding: 1, generator: &$0) }),
    LayerCase(
        name: "Conv2d k5 s1 p2 non-square", inputShape: [2, 2, 6, 4],
        make: seeded { Conv2d(2, 2, kernelSize: 5, padding: 2, generator: &$0) }),
    LayerCase(
        name: "Conv2d k5 s1 p0 LeNet first layer", inputShape: [2, 1, 9, 11],
        make: seeded { Conv2d(1, 3, kernelSize: 5, generator: &$0) }),
    LayerCase(
        name: "Conv2d k4 s3 p2", inputShape: [2, 2, 7, 9],
        make: seeded { Conv2d(2, 2, kernelSize: 4, stride: 3, padding: 2, generator: &$0) }),
    LayerCase(
        name: "Conv2d k1 s1 p0", inputShape: [2, 3, 3, 5], make: seeded { Conv2d(3, 2, kernelSize: 1, generator: &$0) }),
    LayerCase(
        name: "ConvTranspose2d k3 s2 p1 op1", inputShape: [2, 3, 4, 4],
        make: seeded { ConvTranspose2d(3, 2, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, generator: &$0) }),
    LayerCase(
        name: "ConvTranspose2d k3 s1 p1", inputShape: [2, 2, 5, 4],
        make: seeded { ConvTranspose2d(2, 3, kernelSize: 3, padding: 1, generator: &$0) }),
    LayerCase(
        name: "ConvTranspose2d k3 s1 p0", inputShape: [2, 2, 3, 3],
        make: seeded { ConvTranspose2d(2, 3, kernelSize: 3, generator: &$0) }),
    LayerCase(
        name: "ConvTranspose2d k2 s2 p0 non-square", inputShape: [1, 2, 3, 2],
        make: seeded { ConvTranspose2d(2, 1, kernelSize: 2, stride: 2, generator: &$0) }),
    LayerCase(
        name: "ConvTranspose2d k3 s3 p1 op2", inputShape: [2, 1, 3, 3],
        make: seeded { ConvTranspose2d(1, 2, kernelSize: 3, stride: 3, padding: 1, outputPadding: 2, generator: &$0) }),
    LayerCase(
        name: "ConvTranspose2d k4 s2 p1 op0", inputShape: [2, 2, 3, 4],
        make: seeded { ConvTranspose2d(2, 2, kernelSize: 4, stride: 2, padding: 1, generator: &$0) }),
    LayerCase(
        name: "ConvTranspose2d k5 s1 p2", inputShape: [2, 2, 5, 3],
        make: seeded { ConvTranspose2d(2, 2, kernelSize: 5, padding: 2, generator: &$0) }),
    LayerCase(name: "ReLU", inputShape: [3, 7], make: { Activation(ReLU()) }),
    LayerCase(name: "LeakyReLU", inputShape: [3, 7], make: { Activation(LeakyReLU()) }),
    LayerCase(name: "ELU", inputShape: [2, 3, 2, 2], make: { Activation(ELU()) }),
    LayerCase(name: "Tanh", inputShape: [3, 7], make: { Activation(Tanh()) }),
    LayerCase(name: "GELU", inputShape: [3, 7], make: { Activation(GELU()) }),
    LayerCase(name: "Sigmoid", inputShape: [3, 7], make: { Activation(Sigmoid()) }),
    LayerCase(name: "BatchNorm1d training", inputShape: [6, 4], make: { BatchNorm(features: 4, spatialRank: 1) }),
    LayerCase(
        name: "BatchNorm2d training", inputShape: [3, 2, 3, 3], make: { BatchNorm(features: 2, spatialRank: 2) }),
    LayerCase(
        name: "BatchNorm2d evaluating", inputShape: [2, 3, 2, 2],
        make: {
            let layer = BatchNorm(features: 3, spatialRank: 2)
            for (c, (mean, variance)) in zip([Float(0.5), -0.25, 0.1], [Float(2), 0.5, 1.5]).enumerated() {
                layer.runningMean[c] = mean
                layer.runningVariance[c] = variance
            }
            layer.isTraining = false
            return layer
        }),
    LayerCase(name: "Flatten", inputShape: [2, 3, 2, 2], make: { Reshape.flatten(features: 12) }),
    LayerCase(name: "Unflatten", inputShape: [2, 12], make: { Reshape.unflatten([3, 2, 2]) }),
    LayerCase(
        name: "Sequential conv → BatchNorm → ELU → flatten → linear", inputShape: [2, 1, 6, 6],
        make: seeded { generator in
            Sequential([
                Conv2d(1, 2, kernelSize: 3, stride: 2, padding: 1, generator: &generator),
                BatchNorm(features: 2, spatialRank: 2),
                Activation(ELU()),
                Reshape.flatten(features: 18),
                Linear(18, 3, generator: &generator),
            ])
        }),
    LayerCase(
        name: "Sequential conv → ELU → MaxPool2d → flatten → linear without bias", inputShape: [2, 1, 6, 6],
        make: seeded { generator in
            Sequential([
                Conv2d(1, 2, kernelSize: 3, padding: 1, generator: &generator),
                Activation(ELU()),
                MaxPool2d(kernelSize: 2),
                Reshape.flatten(features: 18),
                Linear(18, 3, bias: false, generator: &generator),
            ])
        }),
]

@Test(arguments: layerCases)
func layerGradientsMatchFiniteDifferences(_ layerCase: LayerCase) {
    let layer = layerCase.make()
    let result = checkGradients(of: layer, inputShape: layerCase.inputShape)
    #expect(result.passed, "\(result)")
    #expect(result.entries.count == 1 + layer.parameters.count)
}

/// `backwardToParameters` (what training runs on a model's first learnable layer) accumulates
/// exactly the parameter gradients `backward` does, for every layer case above.
@Test(arguments: layerCases)
func backwardToParametersGivesTheParameterGradientsOfBackward(_ layerCase: LayerCase) {
    let layer = layerCase.make()
    var generator = SeededGenerator(seed: 11)
    let input = Tensor(zeros: layerCase.inputShape)
    for index in 0..<input.count { input.data[index] = generator.nextUniform(from: -1, to: 1) }
    let output = layer.forward(input)
    let gradOutput = Tensor(zeros: output.shape)
    for index in 0..<gradOutput.count { gradOutput.data[index] = generator.nextUniform(from: -1, to: 1) }
    _ = layer.backward(gradOutput: gradOutput)
    let full = layer.parameters.map(\.grad.values)
    layer.zeroGrad()
    _ = layer.forward(input)
    layer.backwardToParameters(gradOutput: gradOutput)
    #expect(layer.parameters.map(\.grad.values) == full)
    #expect(full.allSatisfy { $0.contains { $0 != 0 } } || layer.parameters.isEmpty)
}
