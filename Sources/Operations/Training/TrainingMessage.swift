import Foundation

/// What a training run tells the user besides its errors: warnings, its progress line, and where
/// an interrupted run stopped; `description` is the one place their text is written.
enum TrainingMessage: CustomStringConvertible {
    /// The snapshot the runner chose could not be read back; training starts over.
    case cannotResume(epoch: Int, reason: any Error)
    /// The snapshot after an epoch could not be saved.
    case cannotSave(epoch: Int, reason: any Error)
    /// The progress line of a batch.
    case progress(TrainingProgress)
    /// Where a run stopped at a stop request.
    case stopped(TrainingInterrupted)
    /// What an interrupted run kept for the next: the snapshot of its last finished epoch.
    case kept(epoch: Int)
    /// `save` wrote `parameters` weights of the fit `fit` to `path`.
    case saved(parameters: Int, fit: String, path: String)
    /// `save` could not create the checkpoint's folder.
    case folderNotCreated(path: String, reason: String)

    /// The text.
    var description: String {
        switch self {
        case .cannotResume(let epoch, let reason):
            "could not resume from the snapshot of epoch \(epoch) (\(reason)); training from the start"
        case .cannotSave(let epoch, let reason):
            "could not save the snapshot of epoch \(epoch) (\(reason)); a later run cannot resume from it"
        case .progress(let update):
            "epoch \(update.epoch)/\(update.epochs) · loss \(String(format: "%.2f", update.runningLoss)) · "
                + "\(Int(update.imagesPerSecond).formatted()) images/s"
        case .stopped(let stopped):
            "epoch \(stopped.epoch), batch \(stopped.batch) of \(stopped.batches)"
        case .kept(let epoch):
            "the snapshot of epoch \(epoch)"
        case .saved(let parameters, let fit, let path):
            "saved \(parameters.formatted()) parameters of \(fit) to \(path)"
        case .folderNotCreated(let path, let reason):
            "cannot create the folder '\(path)': \(reason)"
        }
    }
}
