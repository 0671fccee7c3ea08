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
        /// Per point, the half-height of a shaded band around it (one standard deviation over
        /// seeds, say), or `nil` for a bare line. A NaN leaves that point out of the band.
        public let spread: [Double]?

        /// A series called `name` through `points`; give `paletteIndex` to keep a model's
        /// colour in a chart that leaves out other models, and `spread` (one per point) for a band.
        public init(
            name: String, points: [ChartPoint], paletteIndex: Int? = nil, dashed: Bool = false,
            spread: [Double]? = nil
        ) {
            self.name = name
            self.points = points
            self.paletteIndex = paletteIndex
            self.dashed = dashed
            self.spread = spread
        }

        /// The band's edges, `y − spread` and `y + spread`, at each point that has a finite
        /// spread; a point without one stands for itself, so the band never narrows the axis.
        var bandEdges: [ChartPoint] {
            guard let spread else { return [] }
            return zip(points, spread).filter { $1.isFinite }.flatMap { point, spread in
                [ChartPoint(x: point.x, y: point.y - spread), ChartPoint(x: point.x, y: point.y + spread)]
            }
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
        let finite = series.flatMap { ($0.points + $0.bandEdges).filter(\.isFinite) }
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
        drawBand(line, frame: frame, into: &svg)
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

    /// The band of a series with a spread: one closed outline per run of points whose value and
    /// spread are finite, the upper edge left to right and the lower edge back, drawn under
    /// the line and translucent so crossing bands stay readable.
    private func drawBand(_ line: Series, frame: ChartFrame, into svg: inout SVGDocument) {
        guard let spread = line.spread else { return }
        var runs: [[(ChartPoint, Double)]] = [[]]
        for (point, spread) in zip(line.points, spread) {
            if point.isFinite && spread.isFinite {
                runs[runs.count - 1].append((point, spread))
            } else if !(runs.last?.isEmpty ?? true) {
                runs.append([])
            }
        }
        let outline = runs.filter { !$0.isEmpty }.map { run in
            let edge = run.map { (x: frame.x.position(of: $0.0.x), top: $0.0.y + $0.1, bottom: $0.0.y - $0.1) }
            let top = edge.map { format($0.x) + " " + format(frame.y.position(of: $0.top)) }
            let bottom = edge.reversed().map { format($0.x) + " " + format(frame.y.position(of: $0.bottom)) }
            return "M" + (top + bottom).joined(separator: "L") + "Z"
        }
        guard !outline.isEmpty else { return }
        svg.element(
            "path", ["class": "band", "d": outline.joined(), "stroke": "none", "fill-opacity": "0.2"])
    }
}
