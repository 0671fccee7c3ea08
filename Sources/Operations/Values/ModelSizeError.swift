import Foundation

/// A model, or training it, that needs more memory than the machine has.
enum ModelSizeError: Error, Equatable, CustomStringConvertible {
    /// `bytes` needed against `budget` available; `what` says for what.
    case tooLarge(model: String, what: String, bytes: Double, budget: Double, advice: String)

    var description: String {
        switch self {
        case .tooLarge(let model, let what, let bytes, let budget, let advice):
            "\(what) '\(model)' needs about \(Self.gigabytes(bytes)) of memory, more than the "
                + "\(Self.gigabytes(budget)) nb allows (half of this machine's); \(advice)"
        }
    }

    /// `12.3 GB`.
    private static func gigabytes(_ bytes: Double) -> String {
        String(format: "%.1f GB", bytes / 1e9)
    }
}

extension ModelSizeError {
    /// The model alone (its weights, gradients and Adam's moments) needs `bytes` of the `budget`.
    static func modelTooLarge(model: String, bytes: Double, budget: Double) -> Self {
        .tooLarge(model: model, what: "the model", bytes: bytes, budget: budget, advice: "use fewer or narrower layers")
    }

    /// Training the model at its batch size needs `bytes` of the `budget`.
    static func trainingTooLarge(model: String, bytes: Double, budget: Double) -> Self {
        .tooLarge(
            model: model, what: "training", bytes: bytes, budget: budget,
            advice: "use a smaller batch or a smaller model")
    }
}
