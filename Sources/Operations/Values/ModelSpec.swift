import Engine

/// Everything that determines a freshly initialised VAE: its family, sizes, knobs and seed.
///
/// A model value is this description rather than the weights, so it is cheap to cache and to
/// hash, and building it twice gives the same weights.
public struct ModelSpec: Codable, Hashable, Sendable {
    /// The two families of the reference notebook.
    public enum Family: String, Codable, Sendable {
        case mlp, cnn
    }

    /// MLP or CNN.
    public var family: Family
    /// Hidden widths (MLP) or convolution channels (CNN).
    public var widths: [Int]
    /// Dimensions of z.
    public var latent: Int
    /// The activation between layers, by its notebook name (`relu`, `gelu`, …).
    public var activation: String
    /// Whether a BatchNorm follows every hidden layer.
    public var batchNorm: Bool
    /// (C, H, W) of the images the model is built for.
    public var imageShape: [Int]
    /// Seeds the initial weights.
    public var seed: UInt64
    /// The name figures and tables show, such as "MLP VAE".
    public var name: String

    /// (C, H, W) of the images every model is built for: MNIST's and Fashion-MNIST's.
    public static let supportedImageShape = [1, 28, 28]

    /// Whether `build()` can make this model: what `mlp_vae` and `cnn_vae` accept. A spec read
    /// back from a cache entry is checked with it, since the engine does not check its sizes.
    var isBuildable: Bool {
        let widthRange = family == .mlp ? 1...8192 : 1...1024
        return imageShape == Self.supportedImageShape && (1...512).contains(latent)
            && widths.count >= (family == .mlp ? 1 : 2) && widths.allSatisfy(widthRange.contains)
            && ActivationKind(rawValue: activation) != nil
    }

    /// Builds the model with freshly initialised weights.
    public func build() -> VariationalAutoencoder {
        var generator = SeededGenerator(seed: seed)
        let function = ActivationKind(rawValue: activation) ?? .relu
        switch family {
        case .mlp:
            return .mlp(
                imageShape: imageShape, hidden: widths, latent: latent, activation: function, batchNorm: batchNorm,
                generator: &generator)
        case .cnn:
            return .cnn(
                imageShape: imageShape, channels: widths, latent: latent, activation: function, batchNorm: batchNorm,
                generator: &generator)
        }
    }
}
