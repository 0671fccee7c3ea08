#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Binary cross-entropy summed over every element, on probabilities p against targets t in [0, 1]:
/// L = −Σ [t·log p + (1 − t)·log(1 − p)].
///
/// As in PyTorch's `F.binary_cross_entropy(…, reduction="sum")`, each log is clamped at −100, so a
/// prediction of exactly 0 or 1 gives a large finite loss instead of ∞ or NaN. The VAE trains on
/// logits with `BinaryCrossEntropyWithLogits` instead, which needs no clamp at all.
///
/// - Shapes: prediction (any) and target (same count) → a scalar.
public final class BinaryCrossEntropy {
    private var prediction: Tensor?
    private var target: Tensor?
    private var gradPrediction: Tensor?

    /// Creates the loss.
    public init() {}

    /// The summed loss, accumulated in Double.
    public func forward(prediction: Tensor, target: Tensor) -> Double {
        precondition(prediction.count == target.count, "BCE of \(prediction.shape) against \(target.shape)")
        let p = prediction.data, t = target.data
        var total: Double = 0
        for i in 0..<prediction.count {
            let logP = max(logf(p[i]), -100)
            let logOneMinusP = max(logf(1 - p[i]), -100)
            total -= Double(t[i] * logP + (1 - t[i]) * logOneMinusP)
        }
        self.prediction = prediction
        self.target = target
        return total
    }

    /// d(scale·L)/dp = scale · (p − t) / max(p(1 − p), 1e-12), PyTorch's guarded form.
    public func backward(scale: Float = 1) -> Tensor {
        guard let prediction, let target else { preconditionFailure("BinaryCrossEntropy.backward before forward") }
        let grad = Tensor.reusing(gradPrediction, shape: prediction.shape)
        let p = prediction.data, t = target.data, dp = grad.data
        for i in 0..<prediction.count {
            dp[i] = scale * (p[i] - t[i]) / max(p[i] * (1 - p[i]), 1e-12)
        }
        gradPrediction = grad
        return grad
    }
}
