import Datasets
import Runner
import Testing

@testable import Operations

/// A data set's summary shows its example grid, and says why when the grid cannot be drawn
/// instead of leaving it out without a word.
@Test func aDataSetWhoseExamplesCannotBeDrawnSaysWhy() {
    let empty = LabeledExamples(name: "Nothing", height: 2, width: 2, bytes: [], labels: [], classNames: [])
    guard case .list(let items) = DatasetValue(examples: empty).summary() else {
        Issue.record("the summary is not a list")
        return
    }
    #expect(items.last == .text("The examples could not be drawn: an image grid needs at least one image"))
}

@Test func aDataSetsSummaryEndsWithItsExampleGrid() {
    let images = LabeledExamples(
        name: "Two", height: 1, width: 2, bytes: [0, 255, 255, 0], labels: [0, 1], classNames: ["a", "b"])
    guard case .list(let items) = DatasetValue(examples: images).summary(),
        case .figure(let grid)? = items.last
    else {
        Issue.record("the summary does not end with a figure")
        return
    }
    #expect(grid.title == "Examples of Two")
    #expect(grid.grid?.columns == ["a", "b"])
}

/// A table has no images to draw: its summary says its size in rows and features, what the
/// loader did, and each feature's mean, standard deviation and range (pandas' `describe()`).
@Test func aTablesSummaryDescribesEachFeature() {
    let rows = LabeledExamples(
        name: "Tiny train", shape: [2], values: .floats([1, 10, 3, 10, 5, 10]), labels: [0, 1, 1],
        classNames: ["no", "yes"])
    let value = DatasetValue(examples: rows, notes: [.standardized], featureNames: ["height", "width"])
    let expected: [DisplayValue] = [
        .text("Tiny train: 3 rows of 2 features"),
        .table(DisplayTable(columns: ["label", "no", "yes"], rows: [[.text("rows"), .number(1), .number(2)]])),
        .text(
            "Each feature is standardized: its training rows' mean subtracted and divided by their standard deviation."),
        .table(
            DisplayTable(
                columns: ["feature", "mean", "std", "min", "max"],
                rows: [
                    [.text("height"), .number(3), .number(2), .number(1), .number(5)],
                    [.text("width"), .number(10), .number(0), .number(10), .number(10)],
                ])),
    ]
    #expect(value.summary() == .list(expected))
}

/// Colour images say so in the size sentence; grey ones keep MNIST's wording.
@Test func theSizeSentenceNamesColourImages() {
    let colour = LabeledExamples(
        name: "CIFAR-10 test", shape: [3, 32, 32], values: .bytes([UInt8](repeating: 0, count: 2 * 3072)),
        labels: [0, 1], classNames: ["airplane", "automobile"])
    #expect(SummaryMessage.size(of: colour).description == "CIFAR-10 test: 2 colour images of 32×32 pixels")
    let grey = LabeledExamples(
        name: "MNIST test", height: 28, width: 28, bytes: [UInt8](repeating: 0, count: 784), labels: [3],
        classNames: (0..<10).map(String.init))
    #expect(SummaryMessage.size(of: grey).description == "MNIST test: 1 images of 28×28 pixels")
}
