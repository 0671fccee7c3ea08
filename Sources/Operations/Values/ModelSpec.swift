import Engine

/// Everything that determines a freshly initialised model: its architecture, seed and name.
///
/// A model value is this description rather than the weights, so it is cheap to cache and to
/// hash, and building it twice gives the same weights. Its layers take their input sizes from
/// the data it meets, so one description fits any image size its layers accept.
public struct ModelSpec: Codable, Hashable, Sendable {
    /// What the model is made of.
    public enum Architecture: Codable, Hashable, Sendable {
        /// `vae(encoder:, decoder:, latent:)`: the μ and log σ² heads are linear layers from the
        /// encoder's (flat) output to `latent`; the decoder maps z back to the image.
        case vae(encoder: LayerSpec, decoder: LayerSpec, latent: Int)
        /// `classifier(seq([...]))`: images to one logit per class.
        case classifier(LayerSpec)
        /// `mlp_vae(hidden:, latent:)`, a shorthand for a `vae` of linear layers.
        case mlpVAE(hidden: [Int], latent: Int, activation: ActivationKind, batchNorm: Bool)
        /// `cnn_vae(channels:, latent:)`, a shorthand for a `vae` of convolutions.
        case cnnVAE(channels: [Int], latent: Int, activation: ActivationKind, batchNorm: Bool)
    }

    /// What the model is made of.
    public var architecture: Architecture
    /// Seeds the initial weights.
    public var seed: UInt64
    /// The name figures and tables show, such as "MLP VAE".
    public var name: String

    /// Creates a description.
    public init(architecture: Architecture, seed: UInt64, name: String) {
        self.architecture = architecture
        self.seed = seed
        self.name = name
    }

    /// The names the shorthands give their models when the notebook gives none; they keep the
    /// palette's first two slots, the MLP first, as in the reference notebook's figures.
    static let shorthandNames = ["MLP VAE", "CNN VAE"]

    /// The palette slot the model keeps in every figure, so a model is the same colour everywhere:
    /// a shorthand's model under its default name keeps its slot, and any other model a slot from 2
    /// on chosen by a hash of its name, stable from run to run.
    public var colorSlot: Int {
        switch architecture {
        case .mlpVAE where name == Self.shorthandNames[0]: return 0
        case .cnnVAE where name == Self.shorthandNames[1]: return 1
        default: break
        }
        var hash: UInt32 = 2_166_136_261  // FNV-1a: Swift's own hash is seeded per process.
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return 2 + Int(hash % 6)
    }

    /// Whether it is a VAE (rather than a classifier).
    public var isAutoencoder: Bool {
        if case .classifier = architecture { return false }
        return true
    }
}

extension ModelSpec.Architecture {
    /// The architecture written out layer by layer for images of shape `input` (C, H, W): a
    /// shorthand becomes the `vae` it stands for, which is built exactly as one written by hand.
    func expanded(for input: [Int]) -> Self {
        switch self {
        case .vae, .classifier:
            return self
        case .mlpVAE(let hidden, let latent, let activation, let batchNorm):
            let pixels = input.reduce(1, *)
            let block = { (width: Int) in
                [LayerSpec.linear(features: width, bias: true)] + (batchNorm ? [.batchNorm] : []) + [activation.spec]
            }
            return .vae(
                encoder: .sequence([.flatten] + hidden.flatMap(block)),
                decoder: .sequence(hidden.reversed().flatMap(block) + [.linear(features: pixels, bias: true)]),
                latent: latent)
        case .cnnVAE(let channels, let latent, let activation, let batchNorm):
            var encoder: [LayerSpec] = []
            for (index, width) in channels.enumerated() {
                encoder += [.conv2d(channels: width, kernel: 3, stride: index < 2 ? 2 : 1, padding: 1)]
                encoder += (batchNorm ? [.batchNorm] : []) + [activation.spec]
            }
            let last = channels.last ?? 1
            let code = [last, (input.count == 3 ? input[1] : 0) / 4, (input.count == 3 ? input[2] : 0) / 4]
            let upsample = { (width: Int) in
                LayerSpec.convTranspose2d(channels: width, kernel: 3, stride: 2, padding: 1, outputPadding: 1)
            }
            let decoder: [LayerSpec] =
                [.linear(features: code.reduce(1, *), bias: true)] + (batchNorm ? [.batchNorm] : [])
                + [activation.spec, .unflatten(code), upsample(channels.first ?? 1)] + (batchNorm ? [.batchNorm] : [])
                + [activation.spec, upsample(input.first ?? 1)]
            return .vae(encoder: .sequence(encoder + [.flatten]), decoder: .sequence(decoder), latent: latent)
        }
    }
}

extension ActivationKind {
    /// The layer of this function with PyTorch's default constants.
    var spec: LayerSpec {
        self == .leakyRelu ? .leakyReLU(slope: 0.01) : .activation(self)
    }
}
