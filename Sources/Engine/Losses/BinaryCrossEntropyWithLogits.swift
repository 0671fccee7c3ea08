#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Binary cross-entropy of σ(z) against t, summed, computed from the logits z in one fused pass:
/// L = Σ [max(z, 0) − z·t + log(1 + e^−|z|)], whose gradient is simply σ(z) − t.
///
/// This is the sigmoid output layer and the BCE of the reference model in one numerically stable
/// step: no logarithm of 0 can occur, and no exponential can overflow. It also keeps σ(z), the
/// reconstruction the report shows.
///
/// - Shapes: logits (any) and target (same count) → a scalar; `probabilities` has the logits' shape.
public final class BinaryCrossEntropyWithLogits {
    /// σ(z) from the last forward: the model's output probabilities.
    public private(set) var probabilities: Tensor?
    private var target: Tensor?
    private var gradLogits: Tensor?

    /// Creates the loss.
    public init() {}

    /// The summed loss, accumulated in Double; also fills `probabilities`.
    public func forward(logits: Tensor, target: Tensor) -> Double {
        precondition(logits.count == target.count, "BCE of \(logits.shape) against \(target.shape)")
        let probabilities = Tensor.reusing(self.probabilities, shape: logits.shape)
        let z = logits.data, t = target.data, p = probabilities.data
        var total: Double = 0
        for i in 0..<logits.count {
            let e = expf(-abs(z[i]))
            total += Double(max(z[i], 0) - z[i] * t[i] + log1pf(e))
            p[i] = z[i] >= 0 ? 1 / (1 + e) : e / (1 + e)
        }
        self.probabilities = probabilities
        self.target = target
        return total
    }

    /// d(scale·L)/dz = scale · (σ(z) − t).
    public func backward(scale: Float = 1) -> Tensor {
        guard let probabilities, let target else {
            preconditionFailure("BinaryCrossEntropyWithLogits.backward before forward")
        }
        let grad = Tensor.reusing(gradLogits, shape: probabilities.shape)
        let p = probabilities.data, t = target.data, dz = grad.data
        for i in 0..<probabilities.count { dz[i] = scale * (p[i] - t[i]) }
        gradLogits = grad
        return grad
    }
}
