/// Why a training snapshot cannot be continued from; `description` is the one place the text
/// is written.
enum TrainingStateError: Error, CustomStringConvertible {
    /// Its result is of another model, or of another number of epochs than the runner chose.
    case otherRun
    /// The batch order's or the noise's saved state does not restore.
    case malformedGenerators
    /// The state file has no `nb.state` metadata.
    case noStateRecord
    /// The optimiser's moments of parameter `parameter` are missing.
    case missingMoments(parameter: Int)

    var description: String {
        let reason =
            switch self {
            case .otherRun: "it is of another run"
            case .malformedGenerators: "its random generators' states are malformed"
            case .noStateRecord: "it has no state record"
            case .missingMoments(let parameter): "it lacks the optimiser's moments of parameter \(parameter)"
            }
        return "the training snapshot cannot be used: \(reason)"
    }
}
