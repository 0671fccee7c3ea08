/// An operation given a fit of the other task: a VAE's where it needs a classifier's, or the
/// reverse; `description` is the one place its text is written.
enum TaskError: Error, Equatable, CustomStringConvertible {
    /// `operation` draws or measures what a VAE decodes, but `fit` is a classifier's.
    case needsAutoencoder(operation: String, fit: String)
    /// `operation` measures a classifier's predictions, but `fit` is a VAE's.
    case needsClassifier(operation: String, fit: String)
    /// `operation` compares fits of one task, but `fit` is not of the task of `first`.
    case mixedTasks(operation: String, fit: String, first: String)
    /// `operation` draws images, but `fit` was trained on a table's rows of `features`.
    case needsImages(operation: String, fit: String, features: Int)

    var description: String {
        switch self {
        case .needsAutoencoder(let operation, let fit):
            "'\(operation)' needs a VAE's fit, but \(fit) is a classifier's; for a classifier use accuracy, "
                + "confusion_matrix or mistakes"
        case .mixedTasks(let operation, let fit, let first):
            "'\(operation)' compares fits of one task, but \(fit) and \(first) are one a VAE's and one a classifier's; "
                + "call it once for each task"
        case .needsImages(let operation, let fit, let features):
            "'\(operation)' draws images, but \(fit) was trained on rows of \(features) features; "
                + (operation == "mistakes" ? "use confusion_matrix or accuracy" : "use test_loss or metrics")
        case .needsClassifier(let operation, let fit):
            "'\(operation)' needs a classifier's fit, but \(fit) is a VAE's; for a VAE use test_loss, "
                + "reconstructions or samples"
        }
    }
}
