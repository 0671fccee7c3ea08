import Figures
import Testing

/// The numbers of an SVG path's `d`, in order: `M10 20L30 40Z` gives [10, 20, 30, 40].
private func numbers(_ path: String) -> [Double] {
    path.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
}

private let banded = LineChart(
    title: "t", xTitle: "epoch", yTitle: "loss",
    series: [
        .init(
            name: "beta=0.5",
            points: [ChartPoint(x: 1, y: 10), ChartPoint(x: 2, y: 8), ChartPoint(x: 3, y: 7)], spread: [2, 1, 0.5]),
        .init(name: "beta=4", points: [ChartPoint(x: 1, y: 12), ChartPoint(x: 2, y: 11), ChartPoint(x: 3, y: 10)]),
    ],
    integerX: true)

@Suite struct LineChartBandTests {
    @Test func aBandSpansOneSpreadAboveAndBelowEachPointUnderItsLine() throws {
        let root = try XMLElement.parse(banded.svg()).get()
        let series = root.elements(class: "series")
        let band = try #require(series.first?.elements(class: "band").first)
        #expect(series.first?.children.map { $0.attributes["class"] } == ["band", "line", "markers"])
        #expect(band.attributes["fill-opacity"] == "0.2" && band.attributes["stroke"] == "none")
        let markers = try #require(series.first?.elements(class: "markers").first).elements("circle")
        let centres = markers.map {
            (x: Double($0.attributes["cx"] ?? "") ?? .nan, y: Double($0.attributes["cy"] ?? "") ?? .nan)
        }
        // Upper edge left to right, then lower edge right to left: three points each.
        let edge = numbers(try #require(band.attributes["d"]))
        #expect(edge.count == 12)
        let upper = stride(from: 0, to: 6, by: 2).map { (x: edge[$0], y: edge[$0 + 1]) }
        let lower = stride(from: 6, to: 12, by: 2).map { (x: edge[$0], y: edge[$0 + 1]) }.reversed()
        #expect(upper.map(\.x) == centres.map(\.x) && lower.map(\.x) == centres.map(\.x))
        // Symmetric about each marker, and as tall as the spread: 2, 1 and 0.5 units of loss, which the
        // axis draws at the same pixels per unit, so the half-heights stand 4 : 2 : 1.
        let halves = zip(zip(upper, lower), centres).map { pair, centre in
            (above: centre.y - pair.0.y, below: pair.1.y - centre.y)
        }
        // Each coordinate is written to 0.1 px, so the two halves may differ by that much.
        for half in halves { #expect(abs(half.above - half.below) <= 0.1 + 1e-9, "\(halves)") }
        #expect(abs(halves[0].above / halves[2].above - 4) < 0.05 && abs(halves[1].above / halves[2].above - 2) < 0.05)
    }

    @Test func aSeriesWithoutASpreadHasNoBandAndANaNSpreadSplitsTheBand() throws {
        let root = try XMLElement.parse(banded.svg()).get()
        #expect(root.elements(class: "series").last?.elements(class: "band").isEmpty == true)
        let split = LineChart(
            title: "t", xTitle: "x", yTitle: "y",
            series: [
                .init(
                    name: "s", points: (0..<5).map { ChartPoint(x: Double($0), y: Double($0)) },
                    spread: [1, 1, .nan, 1, 1])
            ])
        let band = try #require(try XMLElement.parse(split.svg()).get().elements(class: "band").first)
        #expect(band.attributes["d"]?.filter { $0 == "M" }.count == 2)
        #expect(band.attributes["d"]?.filter { $0 == "Z" }.count == 2)
    }

    @Test func theVerticalAxisReachesTheBandsEdges() throws {
        let root = try XMLElement.parse(banded.svg()).get()
        // The band reaches 10 + 2 = 12 and 7 − 0.5 = 6.5; the line alone would start the axis at 7.
        let labels = root.elements(class: "y-axis").first?.elements("text").compactMap { Double($0.text) } ?? []
        #expect((labels.min() ?? .nan) <= 6.5 && (labels.max() ?? .nan) >= 12, "\(labels)")
    }
}
