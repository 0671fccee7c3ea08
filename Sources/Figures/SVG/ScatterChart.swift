/// Many points coloured by class, such as 10,000 latent means coloured by digit, kept small.
///
/// Each class is one `<path>` of zero-length segments (`M x yh0`) drawn with round caps, which
/// renders as dots at about 13 bytes per point, coordinates rounded to 0.1 pixel: 10,000 points
/// come to about 140 KB. Classes are drawn in order, so later classes cover earlier ones where
/// they overlap; the dots are slightly transparent to keep dense regions readable. Each class is
/// a `<g class="series category-N" data-series="NAME">`, toggled like line chart series.
///
/// ```swift
/// let chart = try ScatterChart(
///     title: "Latent means of the test set", xTitle: "z₁", yTitle: "z₂",
///     points: means.map { ChartPoint(x: Double($0.0), y: Double($0.1)) },
///     classes: labels, classNames: (0...9).map(String.init))
/// let svg: String = chart.svg()
/// ```
public struct ScatterChart: Sendable {
    /// The accessible title (`<title>`).
    public let title: String
    /// The accessible description (`<desc>`), or `nil` for a generated one.
    public let description: String?
    /// The horizontal axis title.
    public let xTitle: String
    /// The vertical axis title.
    public let yTitle: String
    /// The points; non-finite ones are skipped.
    public let points: [ChartPoint]
    /// Per point, its class: an index into `classNames` and `Palette.categories`.
    public let classes: [Int]
    /// The legend name of each class.
    public let classNames: [String]
    /// Dot diameter in `viewBox` units.
    public let dotSize: Double
    /// `viewBox` width; the SVG itself is `width="100%"`.
    public let width: Double
    /// `viewBox` height.
    public let height: Double

    /// A scatter chart of `points`, the i-th in class `classes[i]`.
    public init(
        title: String, description: String? = nil, xTitle: String, yTitle: String, points: [ChartPoint],
        classes: [Int], classNames: [String], dotSize: Double = 3, width: Double = 640, height: Double = 480
    ) throws(FigureError) {
        guard points.count == classes.count else {
            throw .classCountMismatch(points: points.count, classes: classes.count)
        }
        for (index, classIndex) in classes.enumerated() where !classNames.indices.contains(classIndex) {
            throw .unknownClass(point: index, classIndex: classIndex, classCount: classNames.count)
        }
        self.title = title
        self.description = description
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
        self.classes = classes
        self.classNames = classNames
        self.dotSize = dotSize
        self.width = width
        self.height = height
    }

    /// The chart as SVG text; the same chart always gives the same bytes.
    public func svg() -> String {
        let finite = points.filter(\.isFinite)
        let xs = finite.map(\.x)
        let ys = finite.map(\.y)
        let frame = ChartFrame(
            width: width, height: height,
            xTicks: Ticks(covering: xs.min() ?? .nan, xs.max() ?? .nan),
            yTicks: Ticks(covering: ys.min() ?? .nan, ys.max() ?? .nan),
            xTitle: xTitle, yTitle: yTitle, legendNames: classNames)
        var paths = [String](repeating: "", count: classNames.count)
        var counts = [Int](repeating: 0, count: classNames.count)
        for (point, classIndex) in zip(points, classes) where point.isFinite {
            paths[classIndex] +=
                "M" + format(frame.x.position(of: point.x)) + " " + format(frame.y.position(of: point.y)) + "h0"
            counts[classIndex] += 1
        }
        var svg = SVGDocument(
            width: width, height: height, title: title,
            description: description
                ?? "Scatter plot of \(yTitle) against \(xTitle), \(finite.count) points in \(classNames.count) classes."
        )
        svg.open("g", ["class": "scatter-chart", "font-family": ChartFrame.fontFamily, "font-size": "12"])
        frame.drawAxes(into: &svg)
        let size = NumberFormat.fixed(dotSize, decimals: 2)
        for (classIndex, name) in classNames.enumerated() {
            let color = Palette.categoryColor(classIndex).description
            svg.open("g", ["class": "series \(Palette.categoryClass(classIndex))", "data-series": name])
            svg.element("title", text: "\(name): \(counts[classIndex]) points")
            svg.element(
                "path",
                [
                    "d": paths[classIndex], "fill": "none", "stroke": color, "stroke-width": size,
                    "stroke-linecap": "round", "stroke-opacity": "0.7",
                ])
            svg.close()
        }
        frame.drawLegend(
            into: &svg,
            entries: classNames.enumerated().map { index, name in
                ChartFrame.LegendEntry(
                    name: name, cssClass: Palette.categoryClass(index), color: Palette.categoryColor(index),
                    dashed: false)
            },
            swatch: .dot)
        svg.close()
        return svg.finished()
    }
}
