import Engine

/// What one layer makes of one item (no batch axis): its output shape, its size, and how
/// PyTorch prints it.
struct LayerShape: Equatable {
    /// The shape of one item of the output: (C, H, W) or (features).
    var output: [Int]
    /// Learnable scalars.
    var parameters: Int
    /// Multiply-adds of the layer's weight products per item, as fvcore counts them: Cout·Hout·Wout·Cin·k²
    /// for a convolution, Cin·Hin·Win·Cout·k² for a transposed one, in·out for a linear layer;
    /// biases, activations, pooling and normalisation count 0.
    var multiplyAdds: Int
    /// The module as PyTorch prints it: `Conv2d(1, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))`.
    var description: String
}

/// Why one layer cannot take its input; `ShapeError` words it with the shapes so far.
enum LayerShapeProblem: Error, Equatable {
    /// A convolution or pooling layer given a flat vector.
    case needsImages
    /// A linear layer given an image.
    case needsFlatInput
    /// A window (`kernel`, with `padding` on each side) larger than the input.
    case smallerThanWindow(kernel: Int, padding: Int)
    /// An `unflatten` whose sizes multiply to `needed`, not the input's count.
    case unflattenCount(needed: Int)
    /// A batchnorm given neither a vector nor an image.
    case normalizesVectorsOrImages
    /// A transposed convolution whose output would have no pixels.
    case emptyOutput
    /// An output of more values per item than nb holds.
    case outputTooLarge(count: Int)
}

extension LayerSpec {
    /// The most values one item may have after any layer: 2²⁶ Float32s, 256 MB per image.
    static let largestItem = 1 << 26

    /// What the layer makes of one item of shape `input`; a sequence is traced by `ShapeTrace`.
    func shape(for input: [Int]) throws(LayerShapeProblem) -> LayerShape {
        let shape = try unchecked(for: input)
        let count = shape.output.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        guard shape.output.allSatisfy({ $0 > 0 }), count <= Self.largestItem, count > 0 else {
            throw shape.output.contains(where: { $0 <= 0 }) ? .emptyOutput : .outputTooLarge(count: count)
        }
        return shape
    }

    /// What a layer makes of one item, before its output's size is checked; learnable layers here,
    /// the others in `parameterFree(for:)`.
    private func unchecked(for input: [Int]) throws(LayerShapeProblem) -> LayerShape {
        switch self {
        case .linear(let features, let bias):
            guard input.count == 1 else { throw .needsFlatInput }
            return LayerShape(
                output: [features], parameters: input[0] * features + (bias ? features : 0),
                multiplyAdds: input[0] * features,
                description: Linear.description(input[0], features, bias: bias))
        case .conv2d(let channels, let kernel, let stride, let padding):
            let (height, width) = try Self.windows(input, kernel: kernel, stride: stride, padding: padding)
            let weights = channels * input[0] * kernel * kernel
            return LayerShape(
                output: [channels, height, width], parameters: weights + channels,
                multiplyAdds: weights * height * width,
                description: Conv2d.description(
                    input[0], channels, kernelSize: kernel, stride: stride, padding: padding))
        case .convTranspose2d(let channels, let kernel, let stride, let padding, let outputPadding):
            guard input.count == 3 else { throw .needsImages }
            let side = { (size: Int) in (size - 1) * stride - 2 * padding + kernel + outputPadding }
            let weights = input[0] * channels * kernel * kernel
            return LayerShape(
                output: [channels, side(input[1]), side(input[2])], parameters: weights + channels,
                multiplyAdds: weights * input[1] * input[2],
                description: ConvTranspose2d.description(
                    input[0], channels, kernelSize: kernel, stride: stride, padding: padding,
                    outputPadding: outputPadding))
        case .batchNorm:
            guard input.count == 1 || input.count == 3 else { throw .normalizesVectorsOrImages }
            return LayerShape(
                output: input, parameters: 2 * input[0], multiplyAdds: 0,
                description: BatchNorm.description(features: input[0], spatialRank: input.count == 1 ? 1 : 2))
        default:
            return try parameterFree(for: input)
        }
    }

    /// What a layer without parameters makes of one item: its output shape and PyTorch print.
    private func parameterFree(for input: [Int]) throws(LayerShapeProblem) -> LayerShape {
        let count = input.reduce(1, *)
        switch self {
        case .maxPool2d(let kernel, let stride):
            let (height, width) = try Self.windows(input, kernel: kernel, stride: stride, padding: 0)
            return LayerShape(
                output: [input[0], height, width], parameters: 0, multiplyAdds: 0,
                description: MaxPool2d(kernelSize: kernel, stride: stride).description)
        case .avgPool2d(let kernel, let stride):
            let (height, width) = try Self.windows(input, kernel: kernel, stride: stride, padding: 0)
            return LayerShape(
                output: [input[0], height, width], parameters: 0, multiplyAdds: 0,
                description: AvgPool2d(kernelSize: kernel, stride: stride).description)
        case .flatten:
            return LayerShape(
                output: [count], parameters: 0, multiplyAdds: 0,
                description: Reshape.flatten(features: count).description)
        case .unflatten(let sizes):
            let needed = sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
            guard needed == count else { throw .unflattenCount(needed: needed) }
            return LayerShape(
                output: sizes, parameters: 0, multiplyAdds: 0, description: Reshape.unflatten(sizes).description)
        case .activation(let kind):
            return LayerShape(output: input, parameters: 0, multiplyAdds: 0, description: kind.makeLayer().description)
        case .leakyReLU(let slope):
            return LayerShape(
                output: input, parameters: 0, multiplyAdds: 0,
                description: LeakyReLU(negativeSlope: Float(slope)).description)
        case .dropout(let probability):
            return LayerShape(
                output: input, parameters: 0, multiplyAdds: 0, description: Dropout.description(Float(probability)))
        case .linear, .conv2d, .convTranspose2d, .batchNorm, .sequence:
            preconditionFailure("learnable layers are shaped by unchecked(for:), sequences by ShapeTrace")
        }
    }

    /// The output sides of `kernel`×`kernel` windows every `stride` pixels over an image padded
    /// by `padding`, in PyTorch's floor mode.
    private static func windows(
        _ input: [Int], kernel: Int, stride: Int, padding: Int
    ) throws(LayerShapeProblem) -> (Int, Int) {
        guard input.count == 3 else { throw .needsImages }
        guard input[1] + 2 * padding >= kernel, input[2] + 2 * padding >= kernel else {
            throw .smallerThanWindow(kernel: kernel, padding: padding)
        }
        return ((input[1] + 2 * padding - kernel) / stride + 1, (input[2] + 2 * padding - kernel) / stride + 1)
    }
}
