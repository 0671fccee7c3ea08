import Foundation

/// The sentences a data set's or a fit's summary says about it, worded in one place.
enum SummaryMessage: CustomStringConvertible {
    /// A data set's size: `count` images of `height`×`width` pixels.
    case dataset(title: String, count: Int, height: Int, width: Int)
    /// The grid of examples could not be drawn, for `error`.
    case examplesNotDrawn(any Error)
    /// A fit's training: `epochs` on `dataset` in `seconds`, at `imagesPerSecond`.
    case fit(name: String, dataset: String, epochs: Int, seconds: Double, imagesPerSecond: Double)

    var description: String {
        switch self {
        case .dataset(let title, let count, let height, let width):
            "\(title): \(count.formatted()) images of \(height)×\(width) pixels"
        case .examplesNotDrawn(let error):
            "The examples could not be drawn: \(error)"
        case .fit(let name, let dataset, let epochs, let seconds, let imagesPerSecond):
            "\(name) trained on \(dataset) for \(epochs) epoch\(epochs == 1 ? "" : "s") in "
                + "\(String(format: "%.1f", seconds)) s (\(Int(imagesPerSecond.rounded()).formatted()) images/s)"
        }
    }
}
