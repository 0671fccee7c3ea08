/// A fully connected layer: y = x Wᵀ + b, or y = x Wᵀ without a bias (`bias: false`).
///
/// - Parameters: `weight` (out, in), `bias` (out) unless `bias: false`, both U(−1/√in, 1/√in) as
///   in PyTorch; without a bias nothing is drawn for it, and the state_dict has no `bias`.
/// - Shapes: input (N, in) → output (N, out).
public final class Linear: Layer {
    /// Input and output features.
    public let inputFeatures: Int, outputFeatures: Int
    /// (out, in)
    public let weight: Parameter
    /// (out), or nil for `Linear(…, bias=False)`.
    public let bias: Parameter?
    /// Evaluation and training behave the same.
    public var isTraining = true

    private var input: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?

    /// Creates the layer with PyTorch's default initialisation drawn from `generator`: the weight,
    /// then the bias if there is one.
    public init(_ inputFeatures: Int, _ outputFeatures: Int, bias: Bool = true, generator: inout SeededGenerator) {
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        weight = Parameter(name: "weight", value: Tensor(zeros: [outputFeatures, inputFeatures]))
        self.bias = bias ? Parameter(name: "bias", value: Tensor(zeros: [outputFeatures])) : nil
        Initializers.pytorchDefault(weight.value, fanIn: inputFeatures, generator: &generator)
        if let bias = self.bias {
            Initializers.pytorchDefault(bias.value, fanIn: inputFeatures, generator: &generator)
        }
    }

    /// `weight` then `bias`, or only `weight`.
    public var parameters: [Parameter] {
        guard let bias else { return [weight] }
        return [weight, bias]
    }
    /// `Linear(in_features=784, out_features=400, bias=True)`.
    public var description: String {
        Self.description(inputFeatures, outputFeatures, bias: bias != nil)
    }

    /// How PyTorch prints a layer of these sizes, without making one.
    public static func description(_ inputFeatures: Int, _ outputFeatures: Int, bias: Bool) -> String {
        "Linear(in_features=\(inputFeatures), out_features=\(outputFeatures), bias=\(bias ? "True" : "False"))"
    }

    /// (N, in) → (N, out).
    public func outputShape(for input: Shape) -> Shape { Shape(input[0], outputFeatures) }

    /// y (N, out) = x (N, in) · Wᵀ (in, out) + b: b is copied into every row and the product
    /// accumulated onto it; without a bias the product overwrites y (beta 0).
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.shape.itemCount == inputFeatures, "Linear(\(inputFeatures)) got \(input.shape)")
        let n = input.shape[0]
        let output = Tensor.reusing(self.output, shape: Shape(n, outputFeatures))
        let y = output.data
        if let bias {
            let b = bias.value.data
            for row in 0..<n {
                (y + row * outputFeatures).update(from: b, count: outputFeatures)
            }
        }
        gemm(
            transposeA: false, transposeB: true, m: n, n: outputFeatures, k: inputFeatures,
            input.data, weight.value.data, beta: bias == nil ? 0 : 1, y)
        self.input = input
        self.output = output
        return output
    }

    /// dW (out, in) += dyᵀ · x; db (out) += Σₙ dy; dx (N, in) = dy · W.
    public func backward(gradOutput: Tensor) -> Tensor {
        backwardToParameters(gradOutput: gradOutput)
        guard let input else { preconditionFailure("Linear.backward before forward") }
        let gradInput = Tensor.reusing(self.gradInput, shape: input.shape)
        self.gradInput = gradInput
        gemm(
            transposeA: false, transposeB: false, m: input.shape[0], n: inputFeatures, k: outputFeatures,
            gradOutput.data, weight.value.data, beta: 0, gradInput.data)
        return gradInput
    }

    /// dW (out, in) += dyᵀ · x; db (out) += Σₙ dy if there is a bias: a third less work than `backward`.
    public func backwardToParameters(gradOutput: Tensor) {
        guard let input else { preconditionFailure("Linear.backward before forward") }
        let n = input.shape[0]
        let dy = gradOutput.data
        gemm(
            transposeA: true, transposeB: false, m: outputFeatures, n: inputFeatures, k: n,
            dy, input.data, beta: 1, weight.grad.data)
        guard let bias else { return }
        let db = bias.grad.data
        for row in 0..<n {
            let dyRow = dy + row * outputFeatures
            for j in 0..<outputFeatures { db[j] += dyRow[j] }
        }
    }
}
