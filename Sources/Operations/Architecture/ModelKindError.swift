/// A model used for a task it was not made for; `description` is the one place its text is written.
enum ModelKindError: Error, Equatable, CustomStringConvertible {
    /// A classifier given where a VAE is needed.
    case notAnAutoencoder(model: String)
    /// A VAE given where a classifier is needed.
    case notAClassifier(model: String)

    var description: String {
        switch self {
        case .notAnAutoencoder(let model):
            "'\(model)' is a classifier, but this needs a VAE (mlp_vae, cnn_vae or vae(encoder:, decoder:))"
        case .notAClassifier(let model):
            "'\(model)' is a VAE, but this needs a classifier (classifier(seq([...])))"
        }
    }
}
