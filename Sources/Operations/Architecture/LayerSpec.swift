import Engine

/// One layer as a notebook writes it (`conv2d(32, kernel: 3, stride: 2, padding: 1)`): its kind
/// and its own sizes, without its input size, which it takes from the layer before (PyTorch's
/// `LazyLinear`, Flux's `@autosize`). A model is these descriptions, not weights, so it is cheap to
/// hash and check, and building it twice with one seed gives the same weights.
public indirect enum LayerSpec: Codable, Hashable, Sendable {
    /// `linear(400)`: a fully connected layer to `features` outputs.
    case linear(features: Int, bias: Bool)
    /// `conv2d(32, kernel: 3, stride: 2, padding: 1)`.
    case conv2d(channels: Int, kernel: Int, stride: Int, padding: Int)
    /// `conv_transpose2d(1, kernel: 3, stride: 2, padding: 1, output_padding: 1)`.
    case convTranspose2d(channels: Int, kernel: Int, stride: Int, padding: Int, outputPadding: Int)
    /// `max_pool2d(2)`; the stride defaults to the kernel.
    case maxPool2d(kernel: Int, stride: Int)
    /// `avg_pool2d(2)`; the stride defaults to the kernel.
    case avgPool2d(kernel: Int, stride: Int)
    /// `flatten()`: each item to one axis.
    case flatten
    /// `unflatten([64, 7, 7])`: each item to this shape.
    case unflatten([Int])
    /// `relu()`, `elu()`, `gelu()`, `tanh()`, `sigmoid()`, with PyTorch's default constants.
    case activation(ActivationKind)
    /// `leaky_relu(0.2)`.
    case leakyReLU(slope: Double)
    /// `batchnorm()`: 1-d or 2-d from its input.
    case batchNorm
    /// `dropout(0.5)`: zeroes each element with probability p while training.
    case dropout(Double)
    /// `seq([...])`: layers one after another.
    case sequence([LayerSpec])

    /// The layer as a notebook writes it, leaving out arguments at their defaults:
    /// `conv2d(64, kernel: 3)`, `max_pool2d(2)`, `seq([…])` for a stack.
    public var notebookText: String {
        switch self {
        case .linear(let features, let bias): "linear(\(features)\(bias ? "" : ", bias: false"))"
        case .conv2d(let channels, let kernel, let stride, let padding):
            "conv2d(\(channels), kernel: \(kernel)\(Self.optional("stride", stride, 1))"
                + "\(Self.optional("padding", padding, 0)))"
        case .convTranspose2d(let channels, let kernel, let stride, let padding, let outputPadding):
            "conv_transpose2d(\(channels), kernel: \(kernel)\(Self.optional("stride", stride, 1))"
                + "\(Self.optional("padding", padding, 0))\(Self.optional("output_padding", outputPadding, 0)))"
        case .maxPool2d(let kernel, let stride): "max_pool2d(\(kernel)\(Self.optional("stride", stride, kernel)))"
        case .avgPool2d(let kernel, let stride): "avg_pool2d(\(kernel)\(Self.optional("stride", stride, kernel)))"
        case .flatten: "flatten()"
        case .unflatten(let sizes): "unflatten([\(sizes.map(String.init).joined(separator: ", "))])"
        case .activation(let kind): "\(kind.rawValue)()"
        case .leakyReLU(let slope): "leaky_relu(\(slope))"
        case .batchNorm: "batchnorm()"
        case .dropout(let probability): "dropout(\(probability))"
        case .sequence: "seq([…])"
        }
    }

    private static func optional(_ label: String, _ value: Int, _ defaultValue: Int) -> String {
        value == defaultValue ? "" : ", \(label): \(value)"
    }

    /// Whether the layer has learnable parameters or running statistics, so that building it
    /// draws from the weights' generator or a checkpoint names it.
    var isLearnable: Bool {
        switch self {
        case .linear, .conv2d, .convTranspose2d, .batchNorm: true
        case .sequence(let layers): layers.contains(where: \.isLearnable)
        default: false
        }
    }
}
