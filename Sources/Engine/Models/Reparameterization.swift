#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The reparameterisation trick: z = μ + ε · σ with ε ~ N(0, I) and σ = e^(½ log σ²), so that
/// sampling z is differentiable in μ and log σ².
///
/// - Shapes: mean (N, latent), logVariance (N, latent) → z (N, latent).
public final class Reparameterization {
    /// ε from the last forward: the noise drawn from the generator.
    public private(set) var noise: Tensor?
    private var deviation: Tensor?
    private var z: Tensor?
    private var gradMean: Tensor?
    private var gradLogVariance: Tensor?

    /// Creates the step.
    public init() {}

    /// z = μ + ε·σ, drawing ε from `generator` in row-major order.
    public func forward(mean: Tensor, logVariance: Tensor, generator: inout SeededGenerator) -> Tensor {
        let noise = Tensor.reusing(self.noise, shape: mean.shape)
        let eps = noise.data
        for i in 0..<noise.count { eps[i] = generator.nextGaussian() }
        return forward(mean: mean, logVariance: logVariance, noise: noise)
    }

    /// z = μ + ε·σ with the given ε (N, latent), kept for backward: for comparisons with PyTorch.
    public func forward(mean: Tensor, logVariance: Tensor, noise: Tensor) -> Tensor {
        precondition(
            mean.shape == logVariance.shape && mean.count == noise.count,
            "reparameterising \(mean.shape) and \(logVariance.shape) with noise \(noise.shape)")
        let deviation = Tensor.reusing(self.deviation, shape: mean.shape)
        let z = Tensor.reusing(self.z, shape: mean.shape)
        let mu = mean.data, logVar = logVariance.data, eps = noise.data, sigma = deviation.data, out = z.data
        for i in 0..<mean.count {
            sigma[i] = expf(0.5 * logVar[i])
            out[i] = mu[i] + eps[i] * sigma[i]
        }
        self.noise = noise
        self.deviation = deviation
        self.z = z
        return z
    }

    /// dμ = dz and d log σ² = dz · ε · ½σ.
    public func backward(gradZ: Tensor) -> (gradMean: Tensor, gradLogVariance: Tensor) {
        guard let noise, let deviation else { preconditionFailure("Reparameterization.backward before forward") }
        let gradMean = Tensor.reusing(self.gradMean, shape: noise.shape)
        let gradLogVariance = Tensor.reusing(self.gradLogVariance, shape: noise.shape)
        let dz = gradZ.data, eps = noise.data, sigma = deviation.data
        let dMu = gradMean.data, dLogVar = gradLogVariance.data
        for i in 0..<noise.count {
            dMu[i] = dz[i]
            dLogVar[i] = dz[i] * eps[i] * 0.5 * sigma[i]
        }
        self.gradMean = gradMean
        self.gradLogVariance = gradLogVariance
        return (gradMean, gradLogVariance)
    }
}
