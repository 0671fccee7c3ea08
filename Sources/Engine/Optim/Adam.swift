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

    /// Applies one update from the accumulated gradients, and sets them to zero in the same pass
    /// if `clearingGradients`: then each gradient is cleared while it is still in cache, rather
    /// than in a pass of its own before the next backward (in the MLP's step, 0.4 ms of 7).
    public func step(clearingGradients: Bool = false) {
        stepCount += 1
        let correction1 = 1 - power(beta1, stepCount)
        let correction2Root = (1 - power(beta2, stepCount)).squareRoot()
        let constants = AdamConstants(
            beta1: beta1, beta2: beta2, stepSize: learningRate / correction1,
            inverseCorrection2Root: 1 / correction2Root, epsilon: epsilon)
        for (index, parameter) in parameters.enumerated() {
            let update = AdamUpdate(
                theta: parameter.value.data, gradient: parameter.grad.data, firstMoment: firstMoments[index].data,
                secondMoment: secondMoments[index].data, constants: constants, clearsGradient: clearingGradients)
            parallelRanges(parameter.value.count, work: 4 * parameter.value.count, update)
        }
    }

    /// The moment estimates, one tensor per parameter in `parameters` order, to save with a
    /// training snapshot; the tensors are the optimiser's own, not copies.
    public var moments: (first: [Tensor], second: [Tensor]) {
        (firstMoments, secondMoments)
    }

    /// Continues from a saved state: `stepCount` updates made, and the moments in `parameters`
    /// order. Throws, changing nothing, when a moment's shape is not its parameter's.
    public func restore(stepCount: Int, first: [Tensor], second: [Tensor]) throws {
        guard stepCount >= 0, first.count == parameters.count, second.count == parameters.count else {
            throw AdamStateError.wrongCount(expected: parameters.count, first: first.count, second: second.count)
        }
        for (index, parameter) in parameters.enumerated()
        where first[index].shape != parameter.value.shape || second[index].shape != parameter.value.shape {
            throw AdamStateError.shapeMismatch(
                parameter: index, expected: parameter.value.shape.dimensions, actual: first[index].shape.dimensions)
        }
        for index in parameters.indices {
            firstMoments[index].copy(from: first[index])
            secondMoments[index].copy(from: second[index])
        }
        self.stepCount = stepCount
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

/// One parameter's update, over a range of its elements.
private struct AdamUpdate: RangeLoop {
    let theta: UnsafeMutablePointer<Float>, gradient: UnsafeMutablePointer<Float>
    let firstMoment: UnsafeMutablePointer<Float>, secondMoment: UnsafeMutablePointer<Float>
    let constants: AdamConstants, clearsGradient: Bool

    func run(_ range: Range<Int>) {
        let start = range.lowerBound
        adamUpdate(
            theta + start, gradient: gradient + start, firstMoment: firstMoment + start,
            secondMoment: secondMoment + start, count: range.count, constants, clearingGradient: clearsGradient)
    }
}

/// The scalars of one Adam update, hoisted out of the element loop.
struct AdamConstants {
    let beta1: Float, beta2: Float, stepSize: Float, inverseCorrection2Root: Float, epsilon: Float
}

/// θ, m, v (count) updated in place from g (count), and g set to zero if `clearingGradient`:
/// one pass, no allocation.
///
/// Written with SIMD8 because `Float.squareRoot()` on Linux lowers to `sqrtf` with an errno check
/// that stops LLVM from vectorising the plain loop; the vector square root has no such path.
func adamUpdate(
    _ theta: UnsafeMutablePointer<Float>, gradient g: UnsafeMutablePointer<Float>,
    firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>, count: Int,
    _ c: AdamConstants, clearingGradient: Bool
) {
    typealias Vector = SIMD8<Float>
    let width = Vector.scalarCount
    let vectorEnd = count - count % width
    var i = 0
    while i < vectorEnd {
        let gradient = UnsafeRawPointer(g + i).loadUnaligned(as: Vector.self)
        let first = c.beta1 * UnsafeRawPointer(m + i).loadUnaligned(as: Vector.self) + (1 - c.beta1) * gradient
        let second =
            c.beta2 * UnsafeRawPointer(v + i).loadUnaligned(as: Vector.self) + (1 - c.beta2) * gradient * gradient
        let parameter = UnsafeRawPointer(theta + i).loadUnaligned(as: Vector.self)
        let updated = parameter - c.stepSize * first / (second.squareRoot() * c.inverseCorrection2Root + c.epsilon)
        UnsafeMutableRawPointer(m + i).storeBytes(of: first, as: Vector.self)
        UnsafeMutableRawPointer(v + i).storeBytes(of: second, as: Vector.self)
        UnsafeMutableRawPointer(theta + i).storeBytes(of: updated, as: Vector.self)
        if clearingGradient { UnsafeMutableRawPointer(g + i).storeBytes(of: Vector(), as: Vector.self) }
        i += width
    }
    while i < count {
        let gradient = g[i]
        let first = c.beta1 * m[i] + (1 - c.beta1) * gradient
        let second = c.beta2 * v[i] + (1 - c.beta2) * gradient * gradient
        m[i] = first
        v[i] = second
        theta[i] -= c.stepSize * first / (second.squareRoot() * c.inverseCorrection2Root + c.epsilon)
        if clearingGradient { g[i] = 0 }
        i += 1
    }
}
