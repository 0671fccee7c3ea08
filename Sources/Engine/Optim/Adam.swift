#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam with PyTorch's defaults and update rule (`torch.optim.Adam`, no weight decay, no AMSGrad):
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + ε).
public final class Adam {
    /// The parameters updated, fixed at creation.
    public let parameters: [Parameter]
    /// Step size, moment decay rates and the denominator's guard.
    public var learningRate: Float
    /// β₁ and β₂.
    public let beta1: Float, beta2: Float
    /// ε, added after the square root as PyTorch does.
    public let epsilon: Float
    /// Updates made so far (t).
    public private(set) var stepCount = 0
    private let firstMoments: [Tensor]
    private let secondMoments: [Tensor]

    /// Creates the optimiser with zero moments.
    public init(
        parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8
    ) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { Tensor(zeros: $0.value.shape) }
        secondMoments = parameters.map { Tensor(zeros: $0.value.shape) }
    }

    /// Applies one update from the accumulated gradients (it does not clear them).
    public func step() {
        stepCount += 1
        let correction1 = 1 - power(beta1, stepCount)
        let correction2Root = (1 - power(beta2, stepCount)).squareRoot()
        let stepSize = learningRate / correction1
        for (index, parameter) in parameters.enumerated() {
            let theta = parameter.value.data, g = parameter.grad.data
            let m = firstMoments[index].data, v = secondMoments[index].data
            for i in 0..<parameter.value.count {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                theta[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + epsilon)
            }
        }
    }

    /// Clears every parameter's gradient.
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }

    /// baseᵗ in Double, as PyTorch computes the bias corrections in Python floats.
    private func power(_ base: Float, _ exponent: Int) -> Float {
        Float(pow(Double(base), Double(exponent)))
    }
}
