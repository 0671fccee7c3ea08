import Datasets
import Engine
import Figures
import Foundation
import Runner

/// A data set in a notebook: labelled images of one split, with the name figures show.
public final class DatasetValue: DomainValue {
    /// Values of this class are `Dataset`s.
    public static let valueType = ValueType.dataset
    /// The images and labels.
    public let images: LabeledImages
    /// `train` or `test`.
    public let split: Split
    /// The `limit:` the images were loaded with, if any.
    public let limit: Int?

    /// Wraps images loaded with `limit`, if one was given.
    public init(images: LabeledImages, split: Split, limit: Int? = nil) {
        self.images = images
        self.split = split
        self.limit = limit
    }

    /// The warning when `limit` asked for more images than the split holds.
    public var limitWarning: DatasetWarning? {
        guard let limit, limit > images.count else { return nil }
        return .limitAboveCount(name: title, limit: limit, count: images.count)
    }

    /// "MNIST train", as the loader names it.
    public var title: String { images.name }

    /// The pixels as one (N, 1, H, W) tensor, for evaluating models on every image.
    func tensor(limit: Int? = nil) -> Tensor { imagesTensor(images, limit: limit) }

    /// Size, label counts and a grid of the first examples of each class.
    public func summary() -> DisplayValue {
        let counts = images.labelCounts
        let table = DisplayTable(
            columns: ["label"] + images.classNames,
            rows: [[.text("images")] + counts.map { .number(Double($0)) }])
        var items: [DisplayValue] = [
            .text(
                SummaryMessage.dataset(title: title, count: images.count, height: images.height, width: images.width)
                    .description),
            .table(table),
        ]
        // Said in the summary too: a cached run shows the summary, not the first run's warnings.
        if let limitWarning { items.insert(.text(limitWarning.description), at: 1) }
        do {
            items.append(.figure(try examplesGrid(perClass: 4)))
        } catch {
            // The summary cannot fail, so the reason takes the grid's place rather than vanishing.
            items.append(.text(SummaryMessage.examplesNotDrawn(error).description))
        }
        return .list(items)
    }

    /// The first `perClass` images of every class, one class per column.
    private func examplesGrid(perClass: Int) throws -> DisplayFigure {
        let classes = images.classNames.count
        var chosen = [[Int]](repeating: [], count: classes)
        for (index, label) in images.labels.enumerated() where chosen[Int(label)].count < perClass {
            chosen[Int(label)].append(index)
            if chosen.allSatisfy({ $0.count == perClass }) { break }
        }
        var pixels: [Float] = []
        let size = images.pixelsPerImage
        for row in 0..<perClass {
            for column in 0..<classes {
                guard row < chosen[column].count else {
                    pixels += [Float](repeating: 0, count: size)
                    continue
                }
                let image = chosen[column][row]
                pixels += images.pixels(ofImages: image..<image + 1)
            }
        }
        let grid = try ImageGrid(
            images: pixels, imageWidth: images.width, imageHeight: images.height, columns: classes, scale: 2,
            gapColor: FigureMaker.gridGap,
            columnLabels: images.classNames)
        return try FigureMaker.figure(
            grid, title: "Examples of \(title)", caption: "The first \(perClass) images of each class.")
    }
}
