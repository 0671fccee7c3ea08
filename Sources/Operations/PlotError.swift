/// A figure that cannot be drawn as asked.
enum PlotError: Error, CustomStringConvertible {
    case imageOutOfRange(index: Int, count: Int, dataset: String)

    var description: String {
        switch self {
        case .imageOutOfRange(let index, let count, let dataset):
            return "image \(index) does not exist: \(dataset) has \(count) images (0...\(count - 1))"
        }
    }
}
