import Figures
import Testing

/// A 3×3 matrix made by hand: 100 images of class a, 40 of b, 10 of c.
private let counts = [[90, 7, 3], [0, 40, 0], [1, 0, 9]]

@Test func eachCellWritesItsCountInARowPerTrueClass() throws {
    let chart = try ConfusionMatrixChart(title: "t", counts: counts, classNames: ["a", "b", "c"])
    let root = try XMLElement.parse(chart.svg()).get()
    let cells = root.elements(class: "cell")
    #expect(cells.map { $0.elements("text").first?.text } == ["90", "7", "3", "0", "40", "0", "1", "0", "9"])
    #expect(
        cells.map { $0.elements("title").first?.text } == [
            "true a, predicted a: 90 images", "true a, predicted b: 7 images", "true a, predicted c: 3 images",
            "true b, predicted a: 0 images", "true b, predicted b: 40 images", "true b, predicted c: 0 images",
            "true c, predicted a: 1 image", "true c, predicted b: 0 images", "true c, predicted c: 9 images",
        ])
    #expect(root.elements(class: "diagonal").count == 3)
    #expect(root.elements(class: "y-axis").first?.elements("text").map(\.text) == ["a", "b", "c", "true class"])
    #expect(root.elements(class: "x-axis").first?.elements("text").map(\.text) == ["a", "b", "c", "predicted class"])
    #expect(
        root.elements("desc").first?.text
            == "Confusion matrix of 3 classes over 150 images, true class on rows and predicted class on columns; "
            + "139 on the diagonal (predicted right).")
}

@Test func cellsDarkenWithTheLogOfTheirCountAndTheirTextTurnsWhiteOnDarkFills() throws {
    let chart = try ConfusionMatrixChart(title: "t", counts: counts, classNames: ["a", "b", "c"])
    let cells = try XMLElement.parse(chart.svg()).get().elements(class: "cell")
    // log(1 + n) / log(91) of the way along the nine Blues: 0 is its first, 90 its last.
    #expect(
        cells.map { $0.elements("rect").first?.attributes["fill"] } == [
            "#08306b", "#7bb7d9", "#b4d3e9", "#f7fbff", "#125ea6", "#f7fbff", "#d8e7f5", "#f7fbff", "#68acd5",
        ])
    #expect(
        cells.map { $0.elements("text").first?.attributes["fill"] } == [
            "#ffffff", "#000000", "#000000", "#000000", "#ffffff", "#000000", "#000000", "#000000", "#000000",
        ])
}

@Test(arguments: [
    (RGBColor.white, RGBColor.black), (RGBColor.black, RGBColor.white), (RGBColor(gray: 118), RGBColor.black),
    (RGBColor(gray: 117), RGBColor.white), (RGBColor(hex: 0x4292C6), RGBColor.black),
    (RGBColor(hex: 0x2171B5), RGBColor.white),
])
func textTakesTheColourThatContrastsMoreWithItsCell(fill: RGBColor, text: RGBColor) {
    #expect(ConfusionMatrixChart.textColor(on: fill) == text)
}

@Test func theMatrixMustBeSquareWithOneRowPerClass() {
    #expect(throws: FigureError.confusionMatrixShape(row: 1, columns: 1, classCount: 2)) {
        try ConfusionMatrixChart(title: "t", counts: [[1, 2], [3]], classNames: ["a", "b"])
    }
    #expect(throws: FigureError.confusionMatrixRows(rows: 1, classCount: 2)) {
        try ConfusionMatrixChart(title: "t", counts: [[1, 2]], classNames: ["a", "b"])
    }
}
