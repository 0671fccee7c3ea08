/// The parts every chart shares: margins sized to the tick labels and legend, the two axes,
/// and a legend whose entries carry `data-series` so a page script can toggle series.
struct ChartFrame {
    static let fontSize = 12.0
    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"

    /// How a legend entry shows its series.
    enum Swatch {
        /// A short line with a marker, as in a line chart.
        case line
        /// A dot, as in a scatter chart.
        case dot
    }

    /// A legend entry: the series name, its palette class and colour.
    struct LegendEntry {
        let name: String
        let cssClass: String
        let color: RGBColor
        let dashed: Bool
    }

    /// The `stroke-dasharray` of a dashed or solid line.
    static func dashArray(_ dashed: Bool) -> String { dashed ? "6 4" : "none" }

    let width: Double
    let height: Double
    let x: Axis
    let y: Axis
    private let legendLeft: Double
    private let yTitleX: Double

    /// Lays out a `width × height` chart: the plot area takes what the y tick labels, axis
    /// titles and a right-hand legend of `legendNames` leave.
    init(
        width: Double, height: Double, xTicks: Ticks, yTicks: Ticks, xTitle: String, yTitle: String,
        legendNames: [String]
    ) {
        let fontSize = Self.fontSize
        let yLabelWidth = yTicks.labels.map { estimatedWidth($0, fontSize: fontSize) }.max() ?? 0
        let legendWidth = legendNames.map { estimatedWidth($0, fontSize: fontSize) }.max().map { $0 + 36 } ?? 0
        let left = 8 + fontSize * 1.2 + 8 + yLabelWidth + 8
        let right = width - 16 - legendWidth
        let top = 12.0
        let bottom = height - (14 + fontSize * 2.2 + 8)
        self.width = width
        self.height = height
        x = Axis(ticks: xTicks, title: xTitle, start: left, end: max(right, left + 1))
        y = Axis(ticks: yTicks, title: yTitle, start: max(bottom, top + 1), end: top)
        legendLeft = right + 20
        yTitleX = 8 + fontSize * 0.9
    }

    /// Draws both axes with their grid lines.
    func drawAxes(into svg: inout SVGDocument) {
        x.drawHorizontal(into: &svg, baseline: y.start, gridTop: y.end, fontSize: Self.fontSize)
        y.drawVertical(into: &svg, baseline: x.start, gridRight: x.end, titleX: yTitleX, fontSize: Self.fontSize)
    }

    /// Draws the legend right of the plot, one entry per line from the top.
    func drawLegend(into svg: inout SVGDocument, entries: [LegendEntry], swatch: Swatch) {
        guard !entries.isEmpty else { return }
        svg.open("g", ["class": "legend"])
        for (index, entry) in entries.enumerated() {
            let top = y.end + Double(index) * Self.fontSize * 1.6 + Self.fontSize * 0.5
            let color = entry.color.description
            svg.open(
                "g",
                [
                    "class": "legend-entry \(entry.cssClass)", "data-series": entry.name,
                    "transform": "translate(\(format(legendLeft)) \(format(top)))",
                ])
            switch swatch {
            case .line:
                svg.element(
                    "path",
                    [
                        "d": "M0 0h22", "stroke": color, "stroke-width": "2", "fill": "none",
                        "stroke-dasharray": Self.dashArray(entry.dashed),
                    ])
                svg.element("circle", ["cx": "11", "cy": "0", "r": "3", "fill": color])
            case .dot:
                svg.element("circle", ["cx": "11", "cy": "0", "r": "4", "fill": color])
            }
            svg.element("text", ["x": "28", "y": "0", "dy": "0.32em", "fill": "currentColor"], text: entry.name)
            svg.close()
        }
        svg.close()
    }
}
