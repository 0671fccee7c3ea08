/// A 2-D convolution (cross-correlation, as in PyTorch) over square windows.
///
/// y[n, o] = b[o] + Σ_c W[o, c] ⋆ x[n, c], computed as matrix products: im2col turns the
/// images into columns (C·K·K, N·Hout·Wout) and W (Cout, C·K·K) multiplies them, a few images
/// at a time (`unfoldedProducts`), so the batch's column matrix is never built. 3×3 windows with
/// stride 1 and padding 1 or 0 over several channels are computed in Winograd's domain instead,
/// forward and backward (`winogradConvolution`, `winogradWeightGradient`): 1.7× fewer
/// multiply-adds on 7×7 planes, 1.9× on 13×13 planes without padding. One-channel images with
/// stride 1 and no padding (a classifier's first layer) are convolved directly
/// (`singleChannelConvolution`), since im2col would make a product of depth K·K.
///
/// - Parameters: `weight` (Cout, Cin, K, K), `bias` (Cout), U(−1/√(Cin·K·K), +1/√(Cin·K·K)) as in PyTorch.
/// - Shapes: input (N, Cin, H, W) → output (N, Cout, Hout, Wout), Hout = (H + 2·padding − K) / stride + 1.
public final class Conv2d: Layer {
    /// Input and output channels.
    public let inputChannels: Int, outputChannels: Int
    /// Window side, step and zero padding.
    public let kernelSize: Int, stride: Int, padding: Int
    /// (Cout, Cin, K, K)
    public let weight: Parameter
    /// (Cout)
    public let bias: Parameter
    /// Evaluation and training behave the same.
    public var isTraining = true
    /// Whether forward ends with ReLU, set by `Sequential` when a ReLU follows (`ReLUEpilogue`).
    var rectifiesOutput = false

    private var geometry: WindowGeometry?
    /// The forward's input, unfolded again block by block for the weight gradient.
    private var input: Tensor?
    /// The unfolded products' per-core panels and blocks.
    private var panels: Tensor?
    /// The folded product's per-core blocks (backward's Wᵀ · dproduct).
    private var blocks: Tensor?
    /// Winograd's transformed kernels and per-core tiles, for 3×3 windows with stride 1.
    private var winogradTiles: Tensor?
    /// (Cout, N·Hout·Wout), dy laid out channel-major for the weight gradient.
    private var gradProduct: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    /// Creates the layer with PyTorch's default initialisation drawn from `generator`.
    public init(
        _ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        generator: inout SeededGenerator
    ) {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        weight = Parameter(
            name: "weight", value: Tensor(zeros: [outputChannels, inputChannels, kernelSize, kernelSize]))
        bias = Parameter(name: "bias", value: Tensor(zeros: [outputChannels]))
        let fanIn = inputChannels * kernelSize * kernelSize
        Initializers.pytorchDefault(weight.value, fanIn: fanIn, generator: &generator)
        Initializers.pytorchDefault(bias.value, fanIn: fanIn, generator: &generator)
    }

    /// Whether the last forward went through Winograd's domain (`WindowGeometry.isWinograd3x3`).
    var tookWinograd: Bool { geometry?.isWinograd3x3 ?? false }

    /// `weight` then `bias`.
    public var parameters: [Parameter] { [weight, bias] }
    /// `Conv2d(1, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))`.
    public var description: String {
        Self.description(inputChannels, outputChannels, kernelSize: kernelSize, stride: stride, padding: padding)
    }

    /// How PyTorch prints a layer of these sizes, without making one: like PyTorch, it leaves out
    /// a zero padding (`Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))`).
    public static func description(
        _ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int, padding: Int
    ) -> String {
        "Conv2d(\(inputChannels), \(outputChannels), kernel_size=(\(kernelSize), \(kernelSize)), "
            + "stride=(\(stride), \(stride))" + (padding == 0 ? "" : ", padding=(\(padding), \(padding))") + ")"
    }

    /// (N, Cin, H, W) → (N, Cout, Hout, Wout).
    public func outputShape(for input: Shape) -> Shape {
        let height = (input[2] + 2 * padding - kernelSize) / stride + 1
        let width = (input[3] + 2 * padding - kernelSize) / stride + 1
        return Shape(input[0], outputChannels, height, width)
    }

    /// y (N, Cout, P) = W · im2col(x) laid out, + b, block by block (`unfoldedProducts`), or by
    /// Winograd (`WindowGeometry.isWinograd3x3`).
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.shape.rank == 4 && input.shape[1] == inputChannels, "\(description) got \(input.shape)")
        let outShape = outputShape(for: input.shape)
        let g = WindowGeometry(
            batch: input.shape[0], channels: inputChannels, height: input.shape[2], width: input.shape[3],
            kernel: kernelSize, stride: stride, padding: padding,
            columnHeight: outShape[2], columnWidth: outShape[3])
        let output = Tensor.reusing(self.output, shape: outShape)
        if g.isWinograd3x3 {
            winogradConvolution(
                image: input.data, g, weight: weight.value.data, kernels: .forward, outputChannels: outputChannels,
                bias: bias.value.data, rectifies: rectifiesOutput, output: output.data, scratch: &winogradTiles)
        } else if g.isSingleChannelDirect {
            singleChannelConvolution(
                image: input.data, g, weight: weight.value.data, outputChannels: outputChannels,
                bias: bias.value.data, rectifies: rectifiesOutput, output: output.data)
        } else {
            unfoldedProducts(
                image: input.data, g,
                UnfoldedProducts(
                    laidOut: .init(
                        weight: weight.value.data, m: outputChannels, bias: bias.value.data, output: output.data,
                        rectifies: rectifiesOutput)),
                scratch: &panels)
        }
        geometry = g
        self.input = input
        self.output = output
        return output
    }

    /// The parameter gradients (`backwardToParameters`), then dx = col2im(Wᵀ · dproduct), folded
    /// block by block (`foldedProduct`). Where forward takes Winograd, dx is itself a 3×3
    /// convolution of dy (kernels turned 180°, channels swapped, padding 2 − p), computed by Winograd.
    public func backward(gradOutput: Tensor) -> Tensor {
        backwardToParameters(gradOutput: gradOutput)
        guard let g = geometry else { preconditionFailure("Conv2d.backward before forward") }
        let gradInput = Tensor.reusing(self.gradInput, shape: Shape(g.batch, g.channels, g.height, g.width))
        self.gradInput = gradInput
        if g.isWinograd3x3 {
            winogradConvolution(
                image: gradOutput.data, g.winogradInputGradient(outputChannels: outputChannels),
                weight: weight.value.data, kernels: .inputGradient,
                outputChannels: inputChannels, bias: nil, output: gradInput.data, scratch: &winogradTiles)
        } else {
            // The direct weight gradient reads dy as it is: lay it out channel-major here.
            let gradProduct = g.isSingleChannelDirect ? channelMajor(gradOutput, g) : self.gradProduct
            guard let gradProduct else { preconditionFailure("Conv2d.backward before backwardToParameters") }
            foldedProduct(
                weight: weight.value.data, source: gradProduct.data, k: outputChannels, g, image: gradInput.data,
                scratch: &blocks)
        }
        return gradInput
    }

    /// db += Σ dy; dproduct (Cout, N·P) = dy laid out; dW += dproduct · im2col(x)ᵀ, block by block.
    /// Where forward takes Winograd, dW is computed in Winograd's domain instead, and where it is
    /// direct, directly.
    public func backwardToParameters(gradOutput: Tensor) {
        guard let g = geometry, let input else {
            preconditionFailure("Conv2d.backward before forward")
        }
        let plane = g.columnHeight * g.columnWidth
        sumChannels(gradOutput.data, into: bias.grad.data, batch: g.batch, channels: outputChannels, plane: plane)
        if g.isWinograd3x3 {
            winogradWeightGradient(
                image: input.data, g, gradOutput: gradOutput.data, outputChannels: outputChannels,
                gradWeight: weight.grad.data, scratch: &winogradTiles)
            return
        }
        if g.isSingleChannelDirect {
            singleChannelWeightGradient(
                image: input.data, g, gradOutput: gradOutput.data, outputChannels: outputChannels,
                gradWeight: weight.grad.data)
            return
        }
        let gradProduct = channelMajor(gradOutput, g)
        unfoldedProducts(
            image: input.data, g,
            UnfoldedProducts(
                weightGradient: .init(left: gradProduct.data, m: outputChannels, gradWeight: weight.grad.data)),
            scratch: &panels)
    }

    /// dproduct (Cout, N·P): dy laid out channel-major, in the buffer kept for it.
    private func channelMajor(_ gradOutput: Tensor, _ g: WindowGeometry) -> Tensor {
        let gradProduct = Tensor.reusing(self.gradProduct, shape: Shape(outputChannels, g.columns))
        self.gradProduct = gradProduct
        swapOuterAxes(
            gradOutput.data, outer: g.batch, inner: outputChannels, plane: g.columnHeight * g.columnWidth,
            gradProduct.data)
        return gradProduct
    }
}

/// y[n, c, p] += b[c] for a contiguous (N, C, P) array, then y = max(y, 0) if `rectifies`.
func addChannelBias(
    _ bias: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, batch: Int, channels: Int, plane: Int,
    rectifies: Bool
) {
    parallelRanges(
        batch, work: batch * channels * plane,
        AddChannelBias(bias: bias, y: y, channels: channels, plane: plane, rectifies: rectifies))
}

private struct AddChannelBias: RangeLoop {
    let bias: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, channels: Int, plane: Int, rectifies: Bool

    func run(_ images: Range<Int>) {
        for n in images {
            for c in 0..<channels {
                let row = y + (n * channels + c) * plane
                let value = bias[c]
                if rectifies {
                    for p in 0..<plane {
                        let sum = row[p] + value
                        row[p] = sum > 0 ? sum : 0
                    }
                } else {
                    for p in 0..<plane { row[p] += value }
                }
            }
        }
    }
}

/// sums[c] += Σ_{n, p} x[n, c, p] for a contiguous (N, C, P) array: the bias gradient.
///
/// Split across cores by channel, so each channel is summed by one thread in a fixed order.
func sumChannels(
    _ x: UnsafePointer<Float>, into sums: UnsafeMutablePointer<Float>, batch: Int, channels: Int, plane: Int
) {
    parallelRanges(
        channels, work: batch * channels * plane,
        SumChannels(x: x, sums: sums, batch: batch, channels: channels, plane: plane))
}

private struct SumChannels: RangeLoop {
    let x: UnsafePointer<Float>, sums: UnsafeMutablePointer<Float>, batch: Int, channels: Int, plane: Int

    func run(_ channelRange: Range<Int>) {
        typealias Vector = SIMD8<Float>
        let vectorEnd = plane - plane % Vector.scalarCount
        for n in 0..<batch {
            for c in channelRange {
                let row = x + (n * channels + c) * plane
                // Eight running sums: one would wait on each addition's latency.
                var lanes = Vector()
                for p in stride(from: 0, to: vectorEnd, by: Vector.scalarCount) {
                    lanes += UnsafeRawPointer(row + p).loadUnaligned(as: Vector.self)
                }
                var total = lanes.sum()
                for p in vectorEnd..<plane { total += row[p] }
                sums[c] += total
            }
        }
    }
}
