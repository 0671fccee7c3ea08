/// A 2-D transposed convolution: the adjoint of `Conv2d`'s input gradient, used to upsample.
///
/// Each input pixel scatters a K×K patch weighted by W into the output: columns (Cout·K·K, N·Hin·Win)
/// = Wᵀ · x, folded onto the output with col2im. Its backward is therefore a convolution:
/// im2col of the output gradient, then matrix products (S4TF `Operators/NN.swift` shares the lowering the same way).
///
/// - Parameters: `weight` (Cin, Cout, K, K), `bias` (Cout); PyTorch draws both from U(±1/√(Cout·K·K)),
///   since it takes fan-in from the weight's second axis.
/// - Shapes: input (N, Cin, Hin, Win) → output (N, Cout, Hout, Wout),
///   Hout = (Hin − 1)·stride − 2·padding + K + outputPadding.
public final class ConvTranspose2d: Layer {
    /// Input and output channels.
    public let inputChannels: Int, outputChannels: Int
    /// Window side, step, padding removed from each side, and extra rows/columns added at the end.
    public let kernelSize: Int, stride: Int, padding: Int, outputPadding: Int
    /// (Cin, Cout, K, K)
    public let weight: Parameter
    /// (Cout)
    public let bias: Parameter
    /// Evaluation and training behave the same.
    public var isTraining = true
    /// Whether forward ends with ReLU, set by `Sequential` when a ReLU follows (`ReLUEpilogue`).
    var rectifiesOutput = false

    private var geometry: WindowGeometry?
    /// (Cin, N·Hin·Win), the input laid out channel-major, kept for the weight gradient.
    private var inputByChannel: Tensor?
    /// The folded product's per-core blocks (forward's Wᵀ · x).
    private var blocks: Tensor?
    /// The unfolded products' per-core panels of the output gradient's columns, and blocks.
    private var panels: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    /// Creates the layer with PyTorch's default initialisation drawn from `generator`.
    public init(
        _ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
        outputPadding: Int = 0, generator: inout SeededGenerator
    ) {
        precondition(outputPadding < max(stride, 1), "output padding must be smaller than the stride")
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        weight = Parameter(
            name: "weight", value: Tensor(zeros: [inputChannels, outputChannels, kernelSize, kernelSize]))
        bias = Parameter(name: "bias", value: Tensor(zeros: [outputChannels]))
        let fanIn = outputChannels * kernelSize * kernelSize
        Initializers.pytorchDefault(weight.value, fanIn: fanIn, generator: &generator)
        Initializers.pytorchDefault(bias.value, fanIn: fanIn, generator: &generator)
    }

    /// `weight` then `bias`.
    public var parameters: [Parameter] { [weight, bias] }
    /// `ConvTranspose2d(64, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))`.
    public var description: String {
        Self.description(
            inputChannels, outputChannels, kernelSize: kernelSize, stride: stride, padding: padding,
            outputPadding: outputPadding)
    }

    /// How PyTorch prints a layer of these sizes, without making one: like PyTorch, it leaves out
    /// a zero padding and a zero output padding.
    public static func description(
        _ inputChannels: Int, _ outputChannels: Int, kernelSize: Int, stride: Int, padding: Int, outputPadding: Int
    ) -> String {
        "ConvTranspose2d(\(inputChannels), \(outputChannels), kernel_size=(\(kernelSize), \(kernelSize)), "
            + "stride=(\(stride), \(stride))" + (padding == 0 ? "" : ", padding=(\(padding), \(padding))")
            + (outputPadding == 0 ? "" : ", output_padding=(\(outputPadding), \(outputPadding))") + ")"
    }

    /// (N, Cin, Hin, Win) → (N, Cout, Hout, Wout).
    public func outputShape(for input: Shape) -> Shape {
        let height = (input[2] - 1) * stride - 2 * padding + kernelSize + outputPadding
        let width = (input[3] - 1) * stride - 2 * padding + kernelSize + outputPadding
        return Shape(input[0], outputChannels, height, width)
    }

    /// xc (Cin, N·Pin) = x laid out; y = col2im(Wᵀ · xc) + b, folded block by block (`foldedProduct`).
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.shape.rank == 4 && input.shape[1] == inputChannels, "\(description) got \(input.shape)")
        let outShape = outputShape(for: input.shape)
        let g = WindowGeometry(
            batch: input.shape[0], channels: outputChannels, height: outShape[2], width: outShape[3],
            kernel: kernelSize, stride: stride, padding: padding,
            columnHeight: input.shape[2], columnWidth: input.shape[3])
        let inputPlane = g.columnHeight * g.columnWidth
        let inputByChannel = Tensor.reusing(self.inputByChannel, shape: Shape(inputChannels, g.columns))
        let output = Tensor.reusing(self.output, shape: outShape)
        swapOuterAxes(input.data, outer: g.batch, inner: inputChannels, plane: inputPlane, inputByChannel.data)
        foldedProduct(
            weight: weight.value.data, source: inputByChannel.data, k: inputChannels, g, image: output.data,
            scratch: &blocks)
        addChannelBias(
            bias.value.data, to: output.data, batch: g.batch, channels: outputChannels, plane: g.height * g.width,
            rectifies: rectifiesOutput)
        geometry = g
        self.inputByChannel = inputByChannel
        self.output = output
        return output
    }

    /// dcolumns = im2col(dy), a few images at a time, read by both products while in cache
    /// (`unfoldedProducts`): dx (N, Cin, Pin) = W · dcolumns laid out, and
    /// dW (Cin, Cout·K·K) += xc · dcolumnsᵀ; db += Σ dy.
    public func backward(gradOutput: Tensor) -> Tensor {
        guard let g = geometry, let inputByChannel else {
            preconditionFailure("ConvTranspose2d.backward before forward")
        }
        let gradInput = Tensor.reusing(
            self.gradInput, shape: Shape(g.batch, inputChannels, g.columnHeight, g.columnWidth))
        self.gradInput = gradInput
        sumChannels(
            gradOutput.data, into: bias.grad.data, batch: g.batch, channels: outputChannels, plane: g.height * g.width)
        unfoldedProducts(
            image: gradOutput.data, g,
            UnfoldedProducts(
                laidOut: .init(weight: weight.value.data, m: inputChannels, bias: nil, output: gradInput.data),
                weightGradient: .init(left: inputByChannel.data, m: inputChannels, gradWeight: weight.grad.data)),
            scratch: &panels)
        return gradInput
    }

    /// dW (Cin, Cout·K·K) += xc · im2col(dy)ᵀ, block by block; db += Σ dy.
    public func backwardToParameters(gradOutput: Tensor) {
        guard let g = geometry, let inputByChannel else {
            preconditionFailure("ConvTranspose2d.backward before forward")
        }
        sumChannels(
            gradOutput.data, into: bias.grad.data, batch: g.batch, channels: outputChannels, plane: g.height * g.width)
        unfoldedProducts(
            image: gradOutput.data, g,
            UnfoldedProducts(
                weightGradient: .init(left: inputByChannel.data, m: inputChannels, gradWeight: weight.grad.data)),
            scratch: &panels)
    }
}
