/// An element-wise function with its derivative, written as loops over raw buffers.
///
/// Each function gets the forward input and output in backward, so it can use whichever makes
/// its derivative cheapest (ReLU and Sigmoid read the output, GELU the input).
public protocol ElementwiseFunction: Sendable {
    /// How PyTorch prints the module: `ReLU()`, `LeakyReLU(negative_slope=0.01)`.
    var description: String { get }
    /// y = f(x), element by element.
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int)
    /// dx = f′(x) · dy, element by element.
    func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int)
}

/// A layer applying an element-wise function: `Activation(ReLU())`.
///
/// - Shapes: input (any) → output (same).
public final class Activation<Function: ElementwiseFunction>: StatelessLayer {
    /// The function applied to every element.
    public let function: Function
    private var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?
    /// Whether the layer before already applied this function (`ReLUEpilogue`), so forward
    /// passes its input through; only `fuseReLUs` sets it, and only for ReLU.
    var inputIsRectified = false
    /// Whether the layer after this ReLU already keeps only the gradient of positive outputs
    /// (`MaxPool2d.inputIsRectified`), so backward passes dy through; only `fuseReLUs` sets it.
    var gradientIsMasked = false

    /// Creates the layer.
    public init(_ function: Function) { self.function = function }

    /// The function's PyTorch name.
    public var description: String { function.description }
    /// The input's shape.
    public func outputShape(for input: Shape) -> Shape { input }

    /// y = f(x).
    public func forward(_ input: Tensor) -> Tensor {
        if inputIsRectified {
            self.input = input
            self.output = input
            return input
        }
        let output = Tensor.reusing(self.output, shape: input.shape)
        parallelRanges(
            input.count, work: input.count, ElementwiseForward(function: function, x: input.data, y: output.data))
        self.input = input
        self.output = output
        return output
    }

    /// dx = f′(x) · dy.
    public func backward(gradOutput: Tensor) -> Tensor {
        guard let input, let output else { preconditionFailure("\(description).backward before forward") }
        if gradientIsMasked { return gradOutput }
        let gradInput = Tensor.reusing(self.gradInput, shape: input.shape)
        parallelRanges(
            input.count, work: input.count,
            ElementwiseBackward(
                function: function, x: input.data, y: output.data, dy: gradOutput.data, dx: gradInput.data))
        self.gradInput = gradInput
        return gradInput
    }
}

// The passes hold the function as an existential, not as `Function`: an activation is reached
// through `any Layer`, in code not specialised for its function, and a generic pass would then
// carry type metadata that makes handing it to the worker threads allocate. The function is
// called once per range, so the dynamic call costs nothing per element.

/// y = f(x) over a range.
private struct ElementwiseForward: RangeLoop {
    let function: any ElementwiseFunction
    let x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>

    func run(_ range: Range<Int>) {
        function.forward(x + range.lowerBound, y + range.lowerBound, count: range.count)
    }
}

/// dx = f′(x) · dy over a range.
private struct ElementwiseBackward: RangeLoop {
    let function: any ElementwiseFunction
    let x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>

    func run(_ range: Range<Int>) {
        let start = range.lowerBound
        function.backward(
            input: x + start, output: y + start, gradOutput: dy + start, gradInput: dx + start, count: range.count)
    }
}

/// The activation functions a model can be built with, by the names notebooks use; coded as
/// those names, and an unknown name fails to decode.
public enum ActivationKind: String, CaseIterable, Sendable, Codable {
    case relu, leakyRelu = "leaky_relu", elu, tanh, gelu, sigmoid

    /// A new layer applying this function with PyTorch's default constants.
    public func makeLayer() -> any Layer {
        switch self {
        case .relu: Activation(ReLU())
        case .leakyRelu: Activation(LeakyReLU())
        case .elu: Activation(ELU())
        case .tanh: Activation(Tanh())
        case .gelu: Activation(GELU())
        case .sigmoid: Activation(Sigmoid())
        }
    }
}
