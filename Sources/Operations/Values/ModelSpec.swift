import Engine

/// Everything that determines a freshly initialised VAE: its family, sizes, knobs and seed.
///
/// A model value is this description rather than the weights, so it is cheap to cache and to
/// hash, and building it twice gives the same weights.
public struct ModelSpec: Codable, Hashable, Sendable {
    /// The two families of the reference notebook.
    public enum Family: String, Codable, Sendable {
        case mlp, cnn

        /// The name a model of this family shows when the notebook gives it none.
        public var defaultName: String {
            switch self {
            case .mlp: "MLP VAE"
            case .cnn: "CNN VAE"
            }
        }

        /// The palette slot of a model of this family that keeps its default name: the MLP
        /// first, the CNN second, as in the reference notebook's figures.
        var colorSlot: Int {
            switch self {
            case .mlp: 0
            case .cnn: 1
            }
        }
    }

    /// MLP or CNN.
    public var family: Family
    /// Hidden widths (MLP) or convolution channels (CNN).
    public var widths: [Int]
    /// Dimensions of z.
    public var latent: Int
    /// The activation between layers; coded as its notebook name (`relu`, `gelu`, …), and a
    /// name that is none of them fails to decode rather than turning into ReLU.
    public var activation: ActivationKind
    /// Whether a BatchNorm follows every hidden layer.
    public var batchNorm: Bool
    /// (C, H, W) of the images the model is built for.
    public var imageShape: [Int]
    /// Seeds the initial weights.
    public var seed: UInt64
    /// The name figures and tables show, such as "MLP VAE".
    public var name: String

    /// The palette slot the model keeps in every figure, so a model is the same colour everywhere:
    /// its family's slot while it keeps the family's default name, and for a model the notebook
    /// names, a slot from 2 on chosen by a hash of the name, stable from run to run.
    public var colorSlot: Int {
        guard name != family.defaultName else { return family.colorSlot }
        var hash: UInt32 = 2_166_136_261  // FNV-1a: Swift's own hash is seeded per process.
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return 2 + Int(hash % 6)
    }

    /// (C, H, W) of the images every model is built for: MNIST's and Fashion-MNIST's.
    public static let supportedImageShape = [1, 28, 28]

    /// Whether `build()` can make this model: what `mlp_vae` and `cnn_vae` accept. A spec read
    /// back from a cache entry is checked with it, since the engine does not check its sizes.
    var isBuildable: Bool {
        let widthRange = family == .mlp ? 1...8192 : 1...1024
        return imageShape == Self.supportedImageShape && (1...512).contains(latent)
            && widths.count >= (family == .mlp ? 1 : 2) && widths.allSatisfy(widthRange.contains)
    }

    /// Builds the model with freshly initialised weights.
    public func build() -> VariationalAutoencoder {
        var generator = SeededGenerator(seed: seed)
        switch family {
        case .mlp:
            return .mlp(
                imageShape: imageShape, hidden: widths, latent: latent, activation: activation, batchNorm: batchNorm,
                generator: &generator)
        case .cnn:
            return .cnn(
                imageShape: imageShape, channels: widths, latent: latent, activation: activation, batchNorm: batchNorm,
                generator: &generator)
        }
    }
}
