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
