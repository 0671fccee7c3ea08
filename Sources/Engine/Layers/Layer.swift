/// A learnable tensor with the gradient that backward passes accumulate into it.
public final class Parameter {
    /// The name inside its layer, as PyTorch's state_dict names it (`weight`, `bias`).
    public let name: String
    /// The current value.
    public let value: Tensor
    /// The gradient of the loss with respect to `value`, summed over backward passes since
    /// the last `zeroGrad()`.
    public let grad: Tensor

    /// Creates a parameter holding `value`, with a zero gradient of the same shape.
    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
        self.grad = Tensor(zeros: value.shape)
    }

    /// Clears the accumulated gradient.
    public func zeroGrad() { grad.fill(0) }
}

/// A named tensor a layer keeps besides its parameters (BatchNorm's running statistics), which
/// belongs in a checkpoint but is not trained by the optimiser.
public struct Buffer {
    /// The name inside its layer, as PyTorch's state_dict names it (`running_mean`).
    public let name: String
    /// The tensor, shared with the layer.
    public let value: Tensor
    /// Whether PyTorch stores it as int64 (`num_batches_tracked`) rather than float32.
    public let isInteger: Bool

    /// Creates a buffer entry.
    public init(name: String, value: Tensor, isInteger: Bool = false) {
        self.name = name
        self.value = value
        self.isInteger = isInteger
    }
}

/// A differentiable step of a model: `forward` computes and keeps what `backward` needs.
///
/// The contract, after llm.c and micrograd: `forward(_:)` returns a tensor the layer owns and
/// overwrites on the next call; `backward(gradOutput:)` must follow the forward it differentiates,
/// returns the gradient with respect to that forward's input, and *adds* the parameter gradients
/// into each `Parameter.grad`. A backward pass may reuse the memory forward kept, so it is
/// called at most once per forward.
public protocol Layer: AnyObject {
    /// The learnable tensors, in PyTorch's registration order.
    var parameters: [Parameter] { get }
    /// The non-learnable state saved in checkpoints.
    var buffers: [Buffer] { get }
    /// Whether the layer is training (BatchNorm uses batch statistics) or evaluating.
    var isTraining: Bool { get set }
    /// How PyTorch prints the layer: `Conv2d(1, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))`.
    var description: String { get }

    /// The shape `forward` returns for an input of shape `input`.
    func outputShape(for input: Shape) -> Shape
    /// Computes the output and keeps what `backward(gradOutput:)` needs.
    func forward(_ input: Tensor) -> Tensor
    /// Returns the gradient with respect to the last forward's input, accumulating parameter gradients.
    func backward(gradOutput: Tensor) -> Tensor
    /// Accumulates the last forward's parameter gradients without computing its input gradient:
    /// for a model's first learnable layer, whose input is data. There is no stale or partial
    /// input gradient to misuse, because none is returned.
    func backwardToParameters(gradOutput: Tensor)
}

extension Layer {
    /// No parameters, for layers that have none.
    public var parameters: [Parameter] { [] }
    /// No buffers, for layers that have none.
    public var buffers: [Buffer] { [] }

    /// A full backward whose input gradient is dropped, for layers that cannot skip it.
    public func backwardToParameters(gradOutput: Tensor) { _ = backward(gradOutput: gradOutput) }

    /// Clears the gradient of every parameter.
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }

    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// A layer without parameters whose mode does not matter (activations, reshapes).
public protocol StatelessLayer: Layer {}

extension StatelessLayer {
    /// Always `false`: the mode changes nothing for this layer, so setting it is ignored.
    public var isTraining: Bool {
        get { false }
        set {}
    }
}
