import Datasets
import Foundation

/// The sentences a data set's or a fit's summary says about it, worded in one place.
enum SummaryMessage: CustomStringConvertible {
    /// A data set's size: `count` images of `height`×`width` pixels (in colour when `channels` is 3),
    /// or `count` rows of `width` features.
    case dataset(title: String, count: Int, shape: [Int])
    /// The grid of examples could not be drawn, for `error`.
    case examplesNotDrawn(any Error)
    /// A fit's training: `epochs` on `dataset` in `seconds`, at `imagesPerSecond`.
    case fit(name: String, dataset: String, epochs: Int, seconds: Double, imagesPerSecond: Double)

    /// The size sentence of `examples`.
    static func size(of examples: LabeledExamples) -> SummaryMessage {
        .dataset(title: examples.name, count: examples.count, shape: examples.shape)
    }

    var description: String {
        switch self {
        case .dataset(let title, let count, let shape) where shape.count == 3:
            "\(title): \(count.formatted()) \(shape[0] == 3 ? "colour " : "")images of \(shape[1])×\(shape[2]) pixels"
        case .dataset(let title, let count, let shape):
            "\(title): \(count.formatted()) rows of \(shape.last ?? 0) features"
        case .examplesNotDrawn(let error):
            "The examples could not be drawn: \(error)"
        case .fit(let name, let dataset, let epochs, let seconds, let imagesPerSecond):
            "\(name) trained on \(dataset) for \(epochs) epoch\(epochs == 1 ? "" : "s") in "
                + "\(String(format: "%.1f", seconds)) s (\(Int(imagesPerSecond.rounded()).formatted()) images/s)"
        }
    }
}
