import Figures
import Foundation
import Testing

/// `count` points in ten Gaussian-ish clusters from a fixed linear congruential generator.
private func clusteredPoints(_ count: Int) -> (points: [ChartPoint], classes: [Int]) {
    var state: UInt64 = 42
    func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    var points: [ChartPoint] = []
    var classes: [Int] = []
    for index in 0..<count {
        let digit = index % 10
        let angle = Double(digit) * 0.628
        let spread = (uniform() + uniform() + uniform() - 1.5) * 1.2
        let across = (uniform() + uniform() + uniform() - 1.5) * 1.2
        points.append(ChartPoint(x: 2.5 * cos(angle) + spread, y: 2.5 * sin(angle) + across))
        classes.append(digit)
    }
    return (points, classes)
}

@Test func tenThousandPointsStayUnderTheSizeBudget() throws {
    let (points, classes) = clusteredPoints(10_000)
    let chart = try ScatterChart(
        title: "Latent means", xTitle: "z1", yTitle: "z2", points: points, classes: classes,
        classNames: (0...9).map { String($0) })
    let text = chart.svg()
    #expect(text.utf8.count < 400_000)
    let root = try XMLElement.parse(text).get()
    let groups = root.elements(class: "series")
    #expect(groups.map { $0.attributes["data-series"] } == (0...9).map { String($0) })
    #expect(
        groups.map { $0.elements("path").first?.attributes["d"]?.filter { $0 == "M" }.count }
            == Array(repeating: 1000, count: 10))
    #expect(groups.map { $0.elements("title").first?.text } == (0...9).map { "\($0): 1000 points" })
    #expect(root.elements(class: "legend-entry").map { $0.attributes["data-series"] } == (0...9).map { String($0) })
    #expect(text == chart.svg())
}

@Test func pointsAreDrawnAsZeroLengthSegmentsWithOneDecimal() throws {
    let chart = try ScatterChart(
        title: "t", xTitle: "x", yTitle: "y",
        points: [ChartPoint(x: 0, y: 0), ChartPoint(x: .nan, y: 1), ChartPoint(x: 1, y: 1)], classes: [1, 0, 1],
        classNames: ["a", "b"])
    let root = try XMLElement.parse(chart.svg()).get()
    let paths = root.elements(class: "series").map { $0.elements("path").first?.attributes["d"] ?? "" }
    #expect(paths[0] == "")
    #expect(paths[1].wholeMatch(of: /M\d+(\.\d)? \d+(\.\d)?h0M\d+(\.\d)? \d+(\.\d)?h0/) != nil)
    #expect(root.elements(class: "series").map { $0.elements("title").first?.text } == ["a: 0 points", "b: 2 points"])
}

@Test func classIndicesMustMatchThePointsAndNames() {
    #expect(throws: FigureError.classCountMismatch(points: 1, classes: 2)) {
        try ScatterChart(
            title: "t", xTitle: "x", yTitle: "y", points: [ChartPoint(x: 0, y: 0)], classes: [0, 1], classNames: ["a"])
    }
    #expect(throws: FigureError.unknownClass(point: 0, classIndex: 3, classCount: 2)) {
        try ScatterChart(
            title: "t", xTitle: "x", yTitle: "y", points: [ChartPoint(x: 0, y: 0)], classes: [3],
            classNames: ["a", "b"])
    }
}
