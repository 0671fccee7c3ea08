/// The loss of one batch, split into its parts; each is summed over the batch.
public struct VAELoss: Sendable, Equatable {
    /// Binary cross-entropy of the reconstructions, summed over pixels and images.
    public var reconstruction: Double
    /// KL divergence of the posteriors to N(0, I), summed over latent axes and images.
    public var divergence: Double
    /// Images in the batch.
    public var images: Int

    /// Creates a loss record.
    public init(reconstruction: Double, divergence: Double, images: Int) {
        self.reconstruction = reconstruction
        self.divergence = divergence
        self.images = images
    }

    /// BCE + β·KL, summed over the batch.
    public func total(beta: Double) -> Double { reconstruction + beta * divergence }
}

/// A variational autoencoder: an encoder to features, two linear heads for μ and log σ², the
/// reparameterisation, and a decoder from z to pixel logits.
///
/// The module layout, which names the checkpoint tensors exactly as the PyTorch module in
/// `Benchmarks/pytorch_reference.py` names its state_dict:
/// ```
/// encoder    Sequential   images (N, 1, 28, 28) → features (N, F)      encoder.<i>.weight …
/// fc_mu      Linear(F, latent)                                            fc_mu.weight, fc_mu.bias
/// fc_logvar  Linear(F, latent)                                            fc_logvar.weight, fc_logvar.bias
/// decoder    Sequential   z (N, latent) → logits (N, 784) or (N, 1, 28, 28)  decoder.<i>.weight …
/// ```
/// PyTorch's decoder ends in `Sigmoid()`; here the sigmoid is fused into the loss
/// (`BinaryCrossEntropyWithLogits`), which changes no name since a sigmoid has no parameters.
public final class VariationalAutoencoder {
    /// Images to features.
    public let encoder: Sequential
    /// Features to μ.
    public let meanHead: Linear
    /// Features to log σ².
    public let logVarianceHead: Linear
    /// z to pixel logits.
    public let decoder: Sequential
    /// The shape of one input image, (C, H, W).
    public let imageShape: [Int]
    /// Dimensions of z.
    public let latent: Int

    private let reparameterization = Reparameterization()
    let reconstructionLoss = BinaryCrossEntropyWithLogits()
    let divergenceLoss = KLDivergence()
    private let sigmoid = Activation(Sigmoid())
    private var gradFeatures: Tensor?

    /// Assembles a model from its parts; `latent` must match both heads' outputs.
    public init(encoder: Sequential, meanHead: Linear, logVarianceHead: Linear, decoder: Sequential, imageShape: [Int])
    {
        self.encoder = encoder
        self.meanHead = meanHead
        self.logVarianceHead = logVarianceHead
        self.decoder = decoder
        self.imageShape = imageShape
        self.latent = meanHead.outputFeatures
    }

    /// Every parameter with its PyTorch state_dict name, in registration order.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        encoder.namedParameters.map { ("encoder.\($0.name)", $0.parameter) }
            + meanHead.parameters.map { ("fc_mu.\($0.name)", $0) }
            + logVarianceHead.parameters.map { ("fc_logvar.\($0.name)", $0) }
            + decoder.namedParameters.map { ("decoder.\($0.name)", $0.parameter) }
    }

    /// Every buffer (BatchNorm running statistics) with its state_dict name.
    public var namedBuffers: [Buffer] {
        encoder.buffers.map { Buffer(name: "encoder.\($0.name)", value: $0.value, isInteger: $0.isInteger) }
            + decoder.buffers.map { Buffer(name: "decoder.\($0.name)", value: $0.value, isInteger: $0.isInteger) }
    }

    /// The layers that draw random numbers while training, encoder's first.
    public var stochasticLayers: [any StochasticLayer] { encoder.stochasticLayers + decoder.stochasticLayers }

    /// The learnable tensors, for the optimiser.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }
    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Switches every layer between training (batch statistics) and evaluation.
    public var isTraining: Bool {
        get { encoder.isTraining }
        set {
            encoder.isTraining = newValue
            decoder.isTraining = newValue
        }
    }

    /// One training forward pass: encode, sample z with `generator`, decode, and measure the loss.
    /// `probabilities` then holds the reconstructions.
    public func forward(images: Tensor, generator: inout SeededGenerator) -> VAELoss {
        forward(images: images) { mean, logVariance in
            reparameterization.forward(mean: mean, logVariance: logVariance, generator: &generator)
        }
    }

    /// A training forward pass with the given noise ε (N, latent), for comparisons with PyTorch.
    public func forward(images: Tensor, noise: Tensor) -> VAELoss {
        forward(images: images) { mean, logVariance in
            reparameterization.forward(mean: mean, logVariance: logVariance, noise: noise)
        }
    }

    private func forward(images: Tensor, sample: (Tensor, Tensor) -> Tensor) -> VAELoss {
        let features = encoder.forward(images)
        let mean = meanHead.forward(features)
        let logVariance = logVarianceHead.forward(features)
        let z = sample(mean, logVariance)
        let logits = decoder.forward(z)
        let bce = reconstructionLoss.forward(logits: logits, target: images)
        let kl = divergenceLoss.forward(mean: mean, logVariance: logVariance)
        return VAELoss(reconstruction: bce, divergence: kl, images: images.shape[0])
    }

    /// Back-propagates scale · (BCE + β·KL) from the last forward into every parameter's gradient.
    /// Training uses scale = 1/N, so the optimised loss is the mean per image.
    public func backward(beta: Float, scale: Float) {
        let gradLogits = reconstructionLoss.backward(scale: scale)
        let gradZ = decoder.backward(gradOutput: gradLogits)
        let fromSample = reparameterization.backward(gradZ: gradZ)
        let fromDivergence = divergenceLoss.backward(scale: scale * beta)
        let gradMean = fromSample.gradMean, gradLogVariance = fromSample.gradLogVariance
        add(fromDivergence.gradMean, into: gradMean)
        add(fromDivergence.gradLogVariance, into: gradLogVariance)
        let fromMean = meanHead.backward(gradOutput: gradMean)
        let gradFeatures = Tensor.reusing(self.gradFeatures, shape: fromMean.shape)
        gradFeatures.copy(from: fromMean)
        add(logVarianceHead.backward(gradOutput: gradLogVariance), into: gradFeatures)
        self.gradFeatures = gradFeatures
        // The encoder's input is data: no gradient with respect to it is needed.
        encoder.backwardToParameters(gradOutput: gradFeatures)
    }

    /// The reconstructions of the last forward, σ(logits), shaped like its images' batch.
    public var probabilities: Tensor? { reconstructionLoss.probabilities }

    /// The posterior means μ of `images` (evaluation; the returned tensor is the head's buffer).
    public func encodeMean(_ images: Tensor) -> Tensor {
        meanHead.forward(encoder.forward(images))
    }

    /// Decoded pixel probabilities for latent codes z (N, latent), as (N, C, H, W).
    public func decode(_ z: Tensor) -> Tensor {
        let probabilities = sigmoid.forward(decoder.forward(z))
        return probabilities.reshaped(Shape([z.shape[0]] + imageShape))
    }

    private func add(_ source: Tensor, into destination: Tensor) {
        let s = source.data, d = destination.data
        for i in 0..<destination.count { d[i] += s[i] }
    }
}
