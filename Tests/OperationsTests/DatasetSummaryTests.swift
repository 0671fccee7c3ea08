import Datasets
import Runner
import Testing

@testable import Operations

/// A data set's summary shows its example grid, and says why when the grid cannot be drawn
/// instead of leaving it out without a word.
@Test func aDataSetWhoseExamplesCannotBeDrawnSaysWhy() {
    let empty = LabeledImages(name: "Nothing", height: 2, width: 2, bytes: [], labels: [], classNames: [])
    guard case .list(let items) = DatasetValue(images: empty, split: .train).summary() else {
        Issue.record("the summary is not a list")
        return
    }
    #expect(items.last == .text("The examples could not be drawn: an image grid needs at least one image"))
}

@Test func aDataSetsSummaryEndsWithItsExampleGrid() {
    let images = LabeledImages(
        name: "Two", height: 1, width: 2, bytes: [0, 255, 255, 0], labels: [0, 1], classNames: ["a", "b"])
    guard case .list(let items) = DatasetValue(images: images, split: .test).summary(),
        case .figure(let grid)? = items.last
    else {
        Issue.record("the summary does not end with a figure")
        return
    }
    #expect(grid.title == "Examples of Two")
    #expect(grid.grid?.columns == ["a", "b"])
}
