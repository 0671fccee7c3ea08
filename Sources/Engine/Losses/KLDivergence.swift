#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The KL divergence from N(μ, σ²) to N(0, I), summed over the batch and the latent axes:
/// KL = −½ Σ (1 + log σ² − μ² − σ²), with log σ² given (the encoder's second head).
///
/// - Shapes: mean (N, latent) and logVariance (N, latent) → a scalar.
public final class KLDivergence {
    private var mean: Tensor?
    private var logVariance: Tensor?
    private var gradMean: Tensor?
    private var gradLogVariance: Tensor?

    /// Creates the loss.
    public init() {}

    /// The summed divergence, accumulated in Double.
    public func forward(mean: Tensor, logVariance: Tensor) -> Double {
        precondition(mean.shape == logVariance.shape, "KL of \(mean.shape) and \(logVariance.shape)")
        let mu = mean.data, logVar = logVariance.data
        var total: Double = 0
        for i in 0..<mean.count {
            total += Double(1 + logVar[i] - mu[i] * mu[i] - expf(logVar[i]))
        }
        self.mean = mean
        self.logVariance = logVariance
        return -0.5 * total
    }

    /// d(scale·KL)/dμ = scale·μ and d(scale·KL)/d log σ² = scale·½(σ² − 1).
    public func backward(scale: Float = 1) -> (gradMean: Tensor, gradLogVariance: Tensor) {
        guard let mean, let logVariance else { preconditionFailure("KLDivergence.backward before forward") }
        let gradMean = Tensor.reusing(self.gradMean, shape: mean.shape)
        let gradLogVariance = Tensor.reusing(self.gradLogVariance, shape: mean.shape)
        let mu = mean.data, logVar = logVariance.data
        let dMu = gradMean.data, dLogVar = gradLogVariance.data
        for i in 0..<mean.count {
            dMu[i] = scale * mu[i]
            dLogVar[i] = scale * 0.5 * (expf(logVar[i]) - 1)
        }
        self.gradMean = gradMean
        self.gradLogVariance = gradLogVariance
        return (gradMean, gradLogVariance)
    }
}
