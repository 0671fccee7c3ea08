import Engine

/// Builds engine layers from their descriptions, drawing initial weights in the order the
/// layers are written, as PyTorch's modules do when they are constructed one after another.
struct LayerBuilder {
    /// The initial weights' generator, seeded with the model's seed.
    var weights: SeededGenerator
    /// Seeds each dropout layer's own mask generator. A separate stream, so adding or removing
    /// a dropout leaves every other layer's initial weights as they were: a comparison with and
    /// without dropout starts from the same weights.
    var masks: SeededGenerator

    /// A builder for a model seeded with `seed`.
    init(seed: UInt64) {
        weights = SeededGenerator(seed: seed)
        masks = SeededGenerator(seed: seed ^ 0x6D61_736B_7365_6564)  // "maskseed"
    }

    /// The stack `spec` for items of shape `input`, as a `Sequential` (a single layer becomes a
    /// stack of one). The shapes must have been checked (`ModelSpec.layout`).
    mutating func sequential(_ spec: LayerSpec, input: [Int]) -> Sequential {
        guard case .sequence(let layers) = spec else { return Sequential([layer(spec, input: input)]) }
        var shape = input
        var built: [any Layer] = []
        for child in layers {
            built.append(layer(child, input: shape))
            shape = Self.output(of: child, for: shape)
        }
        return Sequential(built)
    }

    /// One layer for items of shape `input`.
    mutating func layer(_ spec: LayerSpec, input: [Int]) -> any Layer {
        switch spec {
        case .linear(let features, let bias):
            return Linear(input[0], features, bias: bias, generator: &weights)
        case .conv2d(let channels, let kernel, let stride, let padding):
            return Conv2d(input[0], channels, kernelSize: kernel, stride: stride, padding: padding, generator: &weights)
        case .convTranspose2d(let channels, let kernel, let stride, let padding, let outputPadding):
            return ConvTranspose2d(
                input[0], channels, kernelSize: kernel, stride: stride, padding: padding, outputPadding: outputPadding,
                generator: &weights)
        case .maxPool2d(let kernel, let stride): return MaxPool2d(kernelSize: kernel, stride: stride)
        case .avgPool2d(let kernel, let stride): return AvgPool2d(kernelSize: kernel, stride: stride)
        case .flatten: return Reshape.flatten(features: input.reduce(1, *))
        case .unflatten(let sizes): return Reshape.unflatten(sizes)
        case .activation(let kind): return kind.makeLayer()
        case .leakyReLU(let slope): return Activation(LeakyReLU(negativeSlope: Float(slope)))
        case .batchNorm: return BatchNorm(features: input[0], spatialRank: input.count == 1 ? 1 : 2)
        case .dropout(let probability): return Dropout(probability: Float(probability), generator: &masks)
        case .sequence: return sequential(spec, input: input)
        }
    }

    /// The output shape of a checked layer.
    private static func output(of spec: LayerSpec, for input: [Int]) -> [Int] {
        var trace = ShapeTrace()
        return (try? trace.trace(spec, from: input, prefix: "")) ?? input
    }
}
