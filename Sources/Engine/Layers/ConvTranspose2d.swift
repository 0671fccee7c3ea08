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

    private var geometry: WindowGeometry?
    /// (Cin, N·Hin·Win), the input laid out channel-major, kept for the weight gradient.
    private var inputByChannel: Tensor?
    /// The blocked products' per-core blocks (forward's Wᵀ · x, backward's W · dcolumns).
    private var blocks: Tensor?
    /// (Cout·K·K, N·Hin·Win), the output gradient's columns.
    private var gradColumns: Tensor?
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
        "ConvTranspose2d(\(inputChannels), \(outputChannels), kernel_size=(\(kernelSize), \(kernelSize)), "
            + "stride=(\(stride), \(stride)), padding=(\(padding), \(padding)), "
            + "output_padding=(\(outputPadding), \(outputPadding)))"
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
            bias.value.data, to: output.data, batch: g.batch, channels: outputChannels, plane: g.height * g.width)
        geometry = g
        self.inputByChannel = inputByChannel
        self.output = output
        return output
    }

    /// The parameter gradients (`backwardToParameters`), then dx (N, Cin, Pin) = W · dcolumns
    /// laid out, block by block (`laidOutProduct`).
    public func backward(gradOutput: Tensor) -> Tensor {
        backwardToParameters(gradOutput: gradOutput)
        guard let g = geometry, let gradColumns else { preconditionFailure("ConvTranspose2d.backward before forward") }
        let gradInput = Tensor.reusing(
            self.gradInput, shape: Shape(g.batch, inputChannels, g.columnHeight, g.columnWidth))
        self.gradInput = gradInput
        laidOutProduct(
            weight: weight.value.data, source: gradColumns.data, m: inputChannels, k: g.rows, batch: g.batch,
            plane: g.columnHeight * g.columnWidth, bias: nil, output: gradInput.data, scratch: &blocks)
        return gradInput
    }

    /// dcolumns = im2col(dy); dW (Cin, Cout·K·K) += xc · dcolumnsᵀ; db += Σ dy.
    public func backwardToParameters(gradOutput: Tensor) {
        guard let g = geometry, let inputByChannel else {
            preconditionFailure("ConvTranspose2d.backward before forward")
        }
        let gradColumns = Tensor.reusing(self.gradColumns, shape: Shape(g.rows, g.columns))
        self.gradColumns = gradColumns
        im2col(gradOutput.data, g, gradColumns.data)
        sumChannels(
            gradOutput.data, into: bias.grad.data, batch: g.batch, channels: outputChannels, plane: g.height * g.width)
        gemm(
            transposeA: false, transposeB: true, m: inputChannels, n: g.rows, k: g.columns,
            inputByChannel.data, gradColumns.data, beta: 1, weight.grad.data)
    }
}
