import Engine

/// The weights of a fit: a VAE's or a classifier's.
public enum TrainedModel {
    /// A trained VAE.
    case autoencoder(VariationalAutoencoder)
    /// A trained classifier.
    case classifier(Classifier)

    /// The model's tensors under their state_dict names, whichever kind it is.
    var tensors: any NamedTensors {
        switch self {
        case .autoencoder(let model): model
        case .classifier(let model): model
        }
    }

    /// The number of learnable scalars.
    var parameterCount: Int {
        switch self {
        case .autoencoder(let model): model.parameterCount
        case .classifier(let model): model.parameterCount
        }
    }

    /// Whether the model is in training mode.
    var isTraining: Bool {
        switch self {
        case .autoencoder(let model): model.isTraining
        case .classifier(let model): model.isTraining
        }
    }

    /// Switches the model to evaluation (or back).
    func setTraining(_ isTraining: Bool) {
        switch self {
        case .autoencoder(let model): model.isTraining = isTraining
        case .classifier(let model): model.isTraining = isTraining
        }
    }

    /// Builds `spec` for images of shape `imageShape` with fresh weights.
    static func build(_ spec: ModelSpec, imageShape: [Int]) throws -> TrainedModel {
        spec.isAutoencoder
            ? .autoencoder(try spec.buildAutoencoder(input: imageShape))
            : .classifier(try spec.buildClassifier(input: imageShape))
    }
}
