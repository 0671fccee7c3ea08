/// A linear axis: maps data values between its first and last tick onto a pixel interval, and
/// draws its line, ticks, labels, grid lines and title.
///
/// Lines and text use `currentColor`, so an inline SVG takes the page's text colour and
/// follows light and dark themes.
public struct Axis: Sendable {
    /// The ticks; the axis runs from `ticks.lower` to `ticks.upper`.
    public let ticks: Ticks
    /// The axis title, such as "epoch" or "loss".
    public let title: String
    /// The pixel position of `ticks.lower` (left end, or bottom end for a vertical axis).
    public let start: Double
    /// The pixel position of `ticks.upper`.
    public let end: Double

    /// An axis whose ticks lie between the pixel positions `start` and `end`.
    public init(ticks: Ticks, title: String, start: Double, end: Double) {
        self.ticks = ticks
        self.title = title
        self.start = start
        self.end = end
    }

    /// The pixel position of `value`.
    public func position(of value: Double) -> Double {
        let span = ticks.upper - ticks.lower
        guard span != 0 else { return (start + end) / 2 }
        return start + (value - ticks.lower) / span * (end - start)
    }

    /// Draws a horizontal axis along `y = baseline`, with vertical grid lines up to `gridTop`.
    func drawHorizontal(into svg: inout SVGDocument, baseline: Double, gridTop: Double, fontSize: Double) {
        let positions = ticks.values.map { format(position(of: $0)) }
        svg.element(
            "path",
            [
                "class": "grid", "d": positions.map { "M\($0) \(format(baseline))V\(format(gridTop))" }.joined(),
                "stroke": "currentColor", "stroke-opacity": "0.12", "fill": "none",
            ])
        svg.open("g", ["class": "axis x-axis", "fill": "currentColor", "text-anchor": "middle"])
        let tickMarks = positions.map { "M\($0) \(format(baseline))v5" }.joined()
        svg.element(
            "path",
            [
                "class": "domain", "d": "M\(format(start)) \(format(baseline))H\(format(end))" + tickMarks,
                "stroke": "currentColor", "fill": "none",
            ])
        let labelY = format(baseline + 7 + fontSize * 0.8)
        for (x, label) in zip(positions, ticks.labels) {
            svg.element("text", ["x": x, "y": labelY], text: label)
        }
        svg.element(
            "text",
            ["class": "axis-title", "x": format((start + end) / 2), "y": format(baseline + 14 + fontSize * 1.8)],
            text: title)
        svg.close()
    }

    /// Draws a vertical axis along `x = baseline`, with horizontal grid lines across to
    /// `gridRight` and the title rotated at `titleX`.
    func drawVertical(
        into svg: inout SVGDocument, baseline: Double, gridRight: Double, titleX: Double, fontSize: Double
    ) {
        let positions = ticks.values.map { format(position(of: $0)) }
        svg.element(
            "path",
            [
                "class": "grid", "d": positions.map { "M\(format(baseline)) \($0)H\(format(gridRight))" }.joined(),
                "stroke": "currentColor", "stroke-opacity": "0.12", "fill": "none",
            ])
        svg.open("g", ["class": "axis y-axis", "fill": "currentColor", "text-anchor": "end"])
        let tickMarks = positions.map { "M\(format(baseline)) \($0)h-5" }.joined()
        svg.element(
            "path",
            [
                "class": "domain", "d": "M\(format(baseline)) \(format(start))V\(format(end))" + tickMarks,
                "stroke": "currentColor", "fill": "none",
            ])
        let labelX = format(baseline - 8)
        for (y, label) in zip(positions, ticks.labels) {
            svg.element("text", ["x": labelX, "y": y, "dy": "0.32em"], text: label)
        }
        let middle = format((start + end) / 2)
        svg.element(
            "text",
            [
                "class": "axis-title", "x": format(titleX), "y": middle, "text-anchor": "middle",
                "transform": "rotate(-90 \(format(titleX)) \(middle))",
            ],
            text: title)
        svg.close()
    }
}

/// A coordinate with one decimal, the precision of every SVG coordinate these charts write.
func format(_ coordinate: Double) -> String { NumberFormat.fixed(coordinate, decimals: 1) }

/// The width of `text` in a sans-serif font of `fontSize`, estimated per character (there is
/// no font metrics library). The widths are DejaVu Sans's, among the widest common fallbacks, so
/// labels sized by them fit in narrower fonts too.
func estimatedWidth(_ text: String, fontSize: Double) -> Double {
    var ems = 0.0
    for character in text {
        switch character {
        case "i", "j", "l", "I", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", " ": ems += 0.32
        case "m", "w", "M", "W": ems += 0.95
        case _ where character.isUppercase: ems += 0.72
        default: ems += 0.62
        }
    }
    return ems * fontSize
}
