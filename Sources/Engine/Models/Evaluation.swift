/// Test-set measurements of a VAE, summed over the images seen.
public struct VAEEvaluation: Sendable, Equatable {
    /// BCE + KL parts, summed.
    public var loss: VAELoss
    /// Σ (x − x̂)² over every pixel of every image.
    public var squaredError: Double
    /// Pixels per image.
    public var pixelsPerImage: Int

    /// Creates an evaluation record.
    public init(loss: VAELoss, squaredError: Double, pixelsPerImage: Int) {
        self.loss = loss
        self.squaredError = squaredError
        self.pixelsPerImage = pixelsPerImage
    }

    /// (BCE + β·KL) per image.
    public func lossPerImage(beta: Double) -> Double { loss.total(beta: beta) / Double(max(loss.images, 1)) }
    /// Mean squared reconstruction error per pixel.
    public var meanSquaredError: Double { squaredError / Double(max(loss.images * pixelsPerImage, 1)) }
}

extension VariationalAutoencoder {
    /// The loss of one batch decoding the posterior mean (z = μ) in evaluation mode; deterministic,
    /// so nb and PyTorch agree on it exactly for the same weights. `probabilities` then holds the
    /// reconstructions.
    public func forwardMean(images: Tensor) -> VAELoss {
        let features = encoder.forward(images)
        let mean = meanHead.forward(features)
        let logVariance = logVarianceHead.forward(features)
        let logits = decoder.forward(mean)
        let bce = reconstructionLoss.forward(logits: logits, target: images)
        let kl = divergenceLoss.forward(mean: mean, logVariance: logVariance)
        return VAELoss(reconstruction: bce, divergence: kl, images: images.shape[0])
    }

    /// Evaluates on every image of `images` (N, C, H, W) in batches of `batch`, decoding z = μ.
    /// The default is the training batch, so evaluation reuses the layers' buffers instead of
    /// growing them (at 500 images the CNN's im2col buffers alone would take 200 MB).
    public func evaluate(images: Tensor, batch: Int = 128) -> VAEEvaluation {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        var total = VAEEvaluation(
            loss: VAELoss(reconstruction: 0, divergence: 0, images: 0), squaredError: 0,
            pixelsPerImage: images.shape.itemCount)
        var start = 0
        while start < images.shape[0] {
            let chunk = images.items(start..<min(start + batch, images.shape[0]))
            let loss = forwardMean(images: chunk)
            total.loss.reconstruction += loss.reconstruction
            total.loss.divergence += loss.divergence
            total.loss.images += loss.images
            if let reconstructions = probabilities {
                let x = chunk.data, p = reconstructions.data
                var squares: Double = 0
                for i in 0..<chunk.count {
                    let d = x[i] - p[i]
                    squares += Double(d * d)
                }
                total.squaredError += squares
            }
            start += batch
        }
        return total
    }
}
