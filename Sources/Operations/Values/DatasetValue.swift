import Datasets
import Engine
import Figures
import Foundation
import Runner

/// A data set in a notebook: labelled examples (images or a table's rows), with the name figures
/// show and what the loader did to the values.
public final class DatasetValue: DomainValue {
    /// Values of this class are `Dataset`s.
    public static let valueType = ValueType.dataset
    /// The examples and labels.
    public let examples: LabeledExamples
    /// The `limit:` the examples were loaded with, if any.
    public let limit: Int?
    /// What the loader did to the values, said in the summary (bytes scaled, features standardized).
    public let notes: [DatasetNote]
    /// A table's column names, by feature, when the loader knows them.
    public let featureNames: [String]?

    /// Wraps examples loaded with `limit`, if one was given.
    public init(
        examples: LabeledExamples, limit: Int? = nil, notes: [DatasetNote] = [], featureNames: [String]? = nil
    ) {
        self.examples = examples
        self.featureNames = featureNames
        self.limit = limit
        self.notes = notes
    }

    /// The warning when `limit` asked for more examples than the data set holds.
    public var limitWarning: DatasetWarning? {
        guard let limit, limit > examples.count else { return nil }
        return .limitAboveCount(name: title, limit: limit, count: examples.count)
    }

    /// "MNIST train", as the loader names it.
    public var title: String { examples.name }

    /// The values as one (N, C, H, W) or (N, F) tensor, for evaluating models on every example.
    func tensor(limit: Int? = nil) -> Tensor { imagesTensor(examples, limit: limit) }

    /// Size, label counts, and a grid of the first examples of each class (images) or each
    /// feature's range (a table).
    public func summary() -> DisplayValue {
        let counts = examples.labelCounts
        let table = DisplayTable(
            columns: ["label"] + examples.classNames,
            rows: [[.text(examples.isImage ? "images" : "rows")] + counts.map { .number(Double($0)) }])
        var items: [DisplayValue] = [.text(SummaryMessage.size(of: examples).description), .table(table)]
        items += notes.map { .text($0.description) }
        // Said in the summary too: a cached run shows the summary, not the first run's warnings.
        if let limitWarning { items.insert(.text(limitWarning.description), at: 1) }
        guard examples.isImage else {
            items.append(.table(featureRanges()))
            return .list(items)
        }
        do {
            items.append(.figure(try examplesGrid(perClass: 4)))
        } catch {
            // The summary cannot fail, so the reason takes the grid's place rather than vanishing.
            items.append(.text(SummaryMessage.examplesNotDrawn(error).description))
        }
        return .list(items)
    }

    /// Each feature's mean, sample standard deviation, least and greatest value, as pandas'
    /// `describe()` gives them.
    private func featureRanges() -> DisplayTable {
        let (features, count) = (examples.valuesPerExample, examples.count)
        let values = examples.values(ofExamples: 0..<count)
        var rows: [[DisplayTable.Cell]] = []
        for feature in 0..<features {
            let column = stride(from: feature, to: values.count, by: features).map { Double(values[$0]) }
            let mean = column.reduce(0, +) / Double(max(count, 1))
            let squares = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let deviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
            let name = featureNames.flatMap { feature < $0.count ? $0[feature] : nil } ?? String(feature)
            rows.append([
                .text(name), .number(mean), .number(deviation), .number(column.min() ?? 0), .number(column.max() ?? 0),
            ])
        }
        return DisplayTable(columns: ["feature", "mean", "std", "min", "max"], rows: rows)
    }

    /// The first `perClass` images of every class, one class per column.
    private func examplesGrid(perClass: Int) throws -> DisplayFigure {
        let classes = examples.classNames.count
        var chosen = [[Int]](repeating: [], count: classes)
        for (index, label) in examples.labels.enumerated() where chosen[Int(label)].count < perClass {
            chosen[Int(label)].append(index)
            if chosen.allSatisfy({ $0.count == perClass }) { break }
        }
        var pixels: [Float] = []
        let size = examples.valuesPerExample
        for row in 0..<perClass {
            for column in 0..<classes {
                guard row < chosen[column].count else {
                    pixels += [Float](repeating: 0, count: size)
                    continue
                }
                let image = chosen[column][row]
                pixels += examples.values(ofExamples: image..<image + 1)
            }
        }
        let grid = try ImageGrid(
            images: pixels, imageWidth: examples.width, imageHeight: examples.height, channels: examples.channels,
            columns: classes, scale: 2,
            gapColor: FigureMaker.gridGap,
            columnLabels: examples.classNames)
        return try FigureMaker.figure(
            grid, title: "Examples of \(title)", caption: "The first \(perClass) images of each class.")
    }
}
