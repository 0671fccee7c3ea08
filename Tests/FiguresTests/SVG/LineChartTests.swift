import Figures
import Testing

private let twoModels = LineChart(
    title: "Test loss", xTitle: "epoch", yTitle: "loss",
    series: [
        .init(
            name: "MLP VAE",
            points: [ChartPoint(x: 1, y: 120.5), ChartPoint(x: 2, y: 108.25), ChartPoint(x: 3, y: 104)]),
        .init(
            name: "<MLP & \"CNN\">",
            points: [ChartPoint(x: 1, y: 115), ChartPoint(x: 2, y: .nan), ChartPoint(x: 3, y: 100)]),
    ],
    integerX: true)

@Test func aLineChartIsWellFormedXMLWithOneGroupPerSeries() throws {
    let root = try XMLElement.parse(twoModels.svg()).get()
    #expect(root.name == "svg" && root.attributes["width"] == "100%")
    #expect(
        root.children.prefix(2).map(\.text) == [
            "Test loss", "Line chart of loss against epoch: MLP VAE (3 points), <MLP & \"CNN\"> (3 points).",
        ])
    #expect(root.elements(class: "series").map { $0.attributes["data-series"] } == ["MLP VAE", "<MLP & \"CNN\">"])
    #expect(
        root.elements(class: "legend-entry").map { $0.attributes["data-series"] } == ["MLP VAE", "<MLP & \"CNN\">"])
    #expect(root.elements(class: "axis-title").map(\.text) == ["epoch", "loss"])
    #expect(root.elements(class: "x-axis").first?.elements("text").map(\.text) == ["1", "2", "3", "epoch"])
}

@Test func seriesNamesAreEscapedInTheText() {
    let text = twoModels.svg()
    #expect(text.contains("data-series=\"&lt;MLP &amp; &quot;CNN&quot;&gt;\""))
    #expect(!text.contains("<MLP"))
}

@Test func markersCarryHoverTitlesWithTheirValues() throws {
    let root = try XMLElement.parse(twoModels.svg()).get()
    let titles = root.elements(class: "markers").flatMap { $0.elements("title") }.map(\.text)
    #expect(
        titles == [
            "MLP VAE: epoch 1, loss 120.5", "MLP VAE: epoch 2, loss 108.25", "MLP VAE: epoch 3, loss 104",
            "<MLP & \"CNN\">: epoch 1, loss 115", "<MLP & \"CNN\">: epoch 3, loss 100",
        ])
}

@Test func seriesTakeThePaletteColoursInOrder() throws {
    let root = try XMLElement.parse(twoModels.svg()).get()
    #expect(root.elements(class: "series").map { $0.attributes["stroke"] } == ["#0072b2", "#d55e00"])
    #expect(root.elements(class: "series").map { $0.attributes["class"] } == ["series series-0", "series series-1"])
}

@Test func extremePointsLandOnTheAxisEndsAndANaNBreaksTheLine() throws {
    let chart = LineChart(
        title: "t", xTitle: "x", yTitle: "y",
        series: [
            .init(name: "s", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 0.5, y: .nan), ChartPoint(x: 1, y: 1)])
        ])
    let root = try XMLElement.parse(chart.svg()).get()
    let xDomain = try #require(root.elements(class: "x-axis").first?.elements(class: "domain").first?.attributes["d"])
    let yDomain = try #require(root.elements(class: "y-axis").first?.elements(class: "domain").first?.attributes["d"])
    // "M<left> <bottom>H<right>…" and "M<left> <bottom>V<top>…"
    let left = xDomain.dropFirst().prefix { $0 != " " }
    let bottom = xDomain.drop { $0 != " " }.dropFirst().prefix { $0 != "H" }
    let right = xDomain.drop { $0 != "H" }.dropFirst().prefix { $0 != "M" }
    let top = yDomain.drop { $0 != "V" }.dropFirst().prefix { $0 != "M" }
    let line = try #require(root.elements(class: "line").first?.attributes["d"])
    #expect(line == "M\(left) \(bottom)M\(right) \(top)")
}

@Test func theSameChartGivesTheSameBytes() {
    #expect(twoModels.svg() == twoModels.svg())
}

@Test func seriesWithManyPointsAreDrawnWithoutMarkers() throws {
    let points = (0..<200).map { ChartPoint(x: Double($0), y: Double($0 % 7)) }
    let chart = LineChart(title: "t", xTitle: "step", yTitle: "loss", series: [.init(name: "s", points: points)])
    let root = try XMLElement.parse(chart.svg()).get()
    #expect(root.elements("circle").count == 1)  // the legend swatch only
}

@Test func aChartWithoutDataStillDrawsItsAxes() throws {
    let root = try XMLElement.parse(LineChart(title: "t", xTitle: "x", yTitle: "y", series: []).svg()).get()
    #expect(
        root.elements(class: "y-axis").first?.elements("text").map(\.text) == [
            "0", "0.2", "0.4", "0.6", "0.8", "1", "y",
        ])
    #expect(root.children[1].text == "Line chart of y against x: no series.")
}

@Test func aSeriesCanKeepItsModelsColourAndBeDashed() throws {
    let chart = LineChart(
        title: "t", xTitle: "epoch", yTitle: "loss",
        series: [
            .init(name: "CNN VAE train", points: [ChartPoint(x: 1, y: 2)], paletteIndex: 1, dashed: true),
            .init(name: "CNN VAE test", points: [ChartPoint(x: 1, y: 3)], paletteIndex: 1),
        ])
    let root = try XMLElement.parse(chart.svg()).get()
    #expect(root.elements(class: "series").map { $0.attributes["stroke"] } == ["#d55e00", "#d55e00"])
    #expect(root.elements(class: "line").map { $0.attributes["stroke-dasharray"] } == ["6 4", "none"])
    #expect(
        root.elements(class: "legend-entry").map { $0.elements("path").first?.attributes["stroke-dasharray"] } == [
            "6 4", "none",
        ])
    #expect(
        root.elements(class: "legend-entry").map { $0.attributes["class"] }
            == Array(repeating: "legend-entry series-1", count: 2))
}
