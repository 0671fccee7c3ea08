/// One optimisation step of a VAE on a batch: forward, backward of the mean per-image loss
/// (BCE + β·KL) / N, and an Adam update that also clears the gradients for the next step (the
/// first step clears them before its backward).
///
/// Kept as an object so that every buffer the step touches is allocated once and reused. It
/// owns its model's gradients: code that back-propagates through the model between two steps
/// must clear them itself (`optimizer.zeroGrad()`).
public final class TrainingStep {
    /// The model trained.
    public let model: VariationalAutoencoder
    /// The optimiser over all of the model's parameters.
    public let optimizer: Adam
    /// The weight of the KL term.
    public let beta: Float
    /// Whether the gradients are all zero: the last step's update cleared them in its own pass.
    private var gradientsAreClear = false

    /// Creates a step with Adam at `learningRate` and PyTorch's other defaults.
    public init(model: VariationalAutoencoder, learningRate: Float, beta: Float) {
        self.model = model
        self.beta = beta
        optimizer = Adam(parameters: model.parameters, learningRate: learningRate)
    }

    /// Trains on one batch of images (N, C, H, W) in [0, 1]; returns the batch's summed loss parts
    /// as measured before the update.
    @discardableResult
    public func run(images: Tensor, generator: inout SeededGenerator) -> VAELoss {
        model.isTraining = true
        if !gradientsAreClear { optimizer.zeroGrad() }
        let loss = model.forward(images: images, generator: &generator)
        model.backward(beta: beta, scale: 1 / Float(images.shape[0]))
        optimizer.step(clearingGradients: true)
        gradientsAreClear = true
        return loss
    }
}
