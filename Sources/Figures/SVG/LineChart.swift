/// Several named series of (x, y) points as lines with markers, for training curves.
///
/// Each series is a `<g class="series series-N" data-series="NAME">` holding its line and
/// markers; legend entries carry the same `data-series`, so a page script can toggle a series
/// by clicking its legend entry. Each marker has a `<title>` with its values, shown on hover.
/// Non-finite points are skipped and break the line, so a diverged run shows a gap rather than
/// a misleading segment.
///
/// ```swift
/// let chart = LineChart(
///     title: "Test loss per epoch", xTitle: "epoch", yTitle: "loss (nats)",
///     series: [
///         .init(name: "MLP VAE", points: [ChartPoint(x: 1, y: 120.5), ChartPoint(x: 2, y: 108.1)]),
///         .init(name: "CNN VAE", points: [ChartPoint(x: 1, y: 115.2), ChartPoint(x: 2, y: 104.9)]),
///     ])
/// let svg: String = chart.svg()
/// ```
public struct LineChart: Sendable {
    /// One named line.
    public struct Series: Sendable, Equatable {
        /// The name in the legend, in hover titles and in `data-series`.
        public let name: String
        /// The points in drawing order.
        public let points: [ChartPoint]
        /// The index into `Palette.series` of its colour, or `nil` for its position in the chart.
        public let paletteIndex: Int?
        /// Whether the line is dashed, to tell apart two series of one colour (training and
        /// test loss of one model, say).
        public let dashed: Bool

        /// A series called `name` through `points`; give `paletteIndex` to keep a model's
        /// colour in a chart that leaves out other models.
        public init(name: String, points: [ChartPoint], paletteIndex: Int? = nil, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.paletteIndex = paletteIndex
            self.dashed = dashed
        }
    }

    /// The accessible title (`<title>`); the report shows its own caption.
    public let title: String
    /// The accessible description (`<desc>`), or `nil` for a generated one.
    public let description: String?
    /// The horizontal axis title.
    public let xTitle: String
    /// The vertical axis title.
    public let yTitle: String
    /// The series; the one at index i takes `Palette.seriesColor(i)` unless it names its own
    /// `paletteIndex`, so pass models in the same order in every figure to keep their colours.
    public let series: [Series]
    /// Whether x ticks must be whole numbers (epochs, steps).
    public let integerX: Bool
    /// A series with more points than this is drawn without markers (and hover titles).
    public let maximumMarkers: Int
    /// `viewBox` width; the SVG itself is `width="100%"`.
    public let width: Double
    /// `viewBox` height.
    public let height: Double

    /// A line chart of `series`.
    public init(
        title: String, description: String? = nil, xTitle: String, yTitle: String, series: [Series],
        integerX: Bool = false, maximumMarkers: Int = 100, width: Double = 640, height: Double = 360
    ) {
        self.title = title
        self.description = description
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.integerX = integerX
        self.maximumMarkers = maximumMarkers
        self.width = width
        self.height = height
    }

    /// The chart as SVG text; the same chart always gives the same bytes.
    public func svg() -> String {
        let finite = series.flatMap { $0.points.filter(\.isFinite) }
        let xs = finite.map(\.x)
        let ys = finite.map(\.y)
        let frame = ChartFrame(
            width: width, height: height,
            xTicks: Ticks(covering: xs.min() ?? .nan, xs.max() ?? .nan, targetCount: 6, integers: integerX),
            yTicks: Ticks(covering: ys.min() ?? .nan, ys.max() ?? .nan),
            xTitle: xTitle, yTitle: yTitle, legendNames: series.map(\.name))
        var svg = SVGDocument(width: width, height: height, title: title, description: description ?? summary)
        svg.open("g", ["class": "line-chart", "font-family": ChartFrame.fontFamily, "font-size": "12"])
        frame.drawAxes(into: &svg)
        let entries = series.enumerated().map { index, line in
            ChartFrame.LegendEntry(
                name: line.name, cssClass: Palette.seriesClass(line.paletteIndex ?? index),
                color: Palette.seriesColor(line.paletteIndex ?? index), dashed: line.dashed)
        }
        for (line, entry) in zip(series, entries) {
            draw(line, entry, frame: frame, into: &svg)
        }
        frame.drawLegend(into: &svg, entries: entries, swatch: .line)
        svg.close()
        return svg.finished()
    }

    /// "Line chart of epoch against loss: MLP VAE (10 points), CNN VAE (10 points)."
    private var summary: String {
        let parts = series.map { "\($0.name) (\($0.points.count) points)" }
        return "Line chart of \(yTitle) against \(xTitle): "
            + (parts.isEmpty ? "no series" : parts.joined(separator: ", ")) + "."
    }

    private func draw(_ line: Series, _ style: ChartFrame.LegendEntry, frame: ChartFrame, into svg: inout SVGDocument) {
        let hex = style.color.description
        svg.open("g", ["class": "series \(style.cssClass)", "data-series": line.name, "stroke": hex, "fill": hex])
        var path = ""
        var penDown = false
        for point in line.points {
            guard point.isFinite else {
                penDown = false
                continue
            }
            path +=
                (penDown ? "L" : "M") + format(frame.x.position(of: point.x)) + " "
                + format(frame.y.position(of: point.y))
            penDown = true
        }
        svg.element(
            "path",
            [
                "class": "line", "d": path, "fill": "none", "stroke-width": "2", "stroke-linejoin": "round",
                "stroke-dasharray": ChartFrame.dashArray(style.dashed),
            ])
        let finite = line.points.filter(\.isFinite)
        if finite.count <= maximumMarkers {
            svg.open("g", ["class": "markers", "stroke": "none"])
            for point in finite {
                svg.open(
                    "circle",
                    [
                        "cx": format(frame.x.position(of: point.x)), "cy": format(frame.y.position(of: point.y)),
                        "r": "3",
                    ])
                let x = NumberFormat.significant(point.x, digits: 6)
                let y = NumberFormat.significant(point.y, digits: 6)
                svg.element("title", text: "\(line.name): \(xTitle) \(x), \(yTitle) \(y)")
                svg.close()
            }
            svg.close()
        }
        svg.close()
    }
}
