import Foundation

/// Why training stopped early.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The loss of a batch was NaN or infinite.
    case nonFiniteLoss(epoch: Int, batch: Int, batches: Int, learningRate: Float)
    /// A label of the data set that names no class of the classifier.
    case labelOutOfRange(label: Int, classes: Int, dataset: String)

    /// What happened, where, and what to try.
    public var description: String {
        switch self {
        case .nonFiniteLoss(let epoch, let batch, let batches, let learningRate):
            // %g keeps six significant digits, so Float's 1e-3 / 10 reads 0.0001, not 0.000100000005.
            let (rate, smaller) = (
                String(format: "%g", Double(learningRate)), String(format: "%g", Double(learningRate / 10))
            )
            return "the loss became NaN or infinite at epoch \(epoch), batch \(batch) of \(batches) "
                + "(learning rate \(rate)); try a smaller learning rate, such as lr: \(smaller)"
        case .labelOutOfRange(let label, let classes, let dataset):
            return "\(dataset) has an image labelled \(label), but its \(classes) classes are labelled 0 to "
                + "\(classes - 1); fix the labels file"
        }
    }
}
