/// A figure that cannot be drawn as asked.
enum PlotError: Error, CustomStringConvertible {
    case imageOutOfRange(index: Int, count: Int, dataset: String)
    /// `mistakes` of a fit that predicts every image of the data set right.
    case noMistakes(fit: String, dataset: String)

    var description: String {
        switch self {
        case .imageOutOfRange(let index, let count, let dataset):
            return "image \(index) does not exist: \(dataset) has \(count) images (0...\(count - 1))"
        case .noMistakes(let fit, let dataset):
            return "\(fit) makes no mistakes on \(dataset): it predicts every image right, so there is nothing to show"
        }
    }
}
