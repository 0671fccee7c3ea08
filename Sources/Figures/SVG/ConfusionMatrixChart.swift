import Foundation

/// A classifier's confusion matrix as a heat map: one square per (true, predicted) pair with its
/// count written in it, true classes on rows, predicted classes on columns.
///
/// A cell's colour follows log(1 + count) on a white-to-dark-blue ramp, so a handful of mistakes
/// still shows next to a diagonal of thousands; its count is written in black or white, whichever
/// contrasts more with the fill. Each cell has a `<title>` naming the pair, shown on hover.
///
/// ```swift
/// let chart = try ConfusionMatrixChart(
///     title: "CNN on the test set", counts: [[50, 2], [3, 45]], classNames: ["cat", "dog"])
/// let svg: String = chart.svg()
/// ```
public struct ConfusionMatrixChart: Sendable {
    /// The light end of the ramp, for a count of 0 (ColorBrewer's Blues, 9 classes).
    static let ramp: [RGBColor] = [
        RGBColor(hex: 0xF7FBFF), RGBColor(hex: 0xDEEBF7), RGBColor(hex: 0xC6DBEF), RGBColor(hex: 0x9ECAE1),
        RGBColor(hex: 0x6BAED6), RGBColor(hex: 0x4292C6), RGBColor(hex: 0x2171B5), RGBColor(hex: 0x08519C),
        RGBColor(hex: 0x08306B),
    ]

    /// The accessible title (`<title>`).
    public let title: String
    /// The accessible description (`<desc>`), or `nil` for a generated one.
    public let description: String?
    /// counts[t][p]: the images of class t predicted as class p.
    public let counts: [[Int]]
    /// The name of each class, labelling its row and its column.
    public let classNames: [String]

    /// A heat map of `counts`, a square matrix with one row and column per name in `classNames`.
    public init(title: String, description: String? = nil, counts: [[Int]], classNames: [String]) throws(FigureError) {
        for (row, values) in counts.enumerated() where values.count != classNames.count {
            throw .confusionMatrixShape(row: row, columns: values.count, classCount: classNames.count)
        }
        guard counts.count == classNames.count else {
            throw .confusionMatrixRows(rows: counts.count, classCount: classNames.count)
        }
        self.title = title
        self.description = description
        self.counts = counts
        self.classNames = classNames
    }

    /// The fill of a cell holding `count` when the largest count is `largest`.
    public static func fill(count: Int, largest: Int) -> RGBColor {
        guard largest > 0, count > 0 else { return ramp[0] }
        let position = log1p(Double(count)) / log1p(Double(largest)) * Double(ramp.count - 1)
        let lower = min(Int(position), ramp.count - 2)
        let fraction = min(position - Double(lower), 1)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * fraction).rounded()) }
        let (a, b) = (ramp[lower], ramp[lower + 1])
        return RGBColor(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }

    /// Black or white, whichever has the larger WCAG contrast ratio against `background`.
    public static func textColor(on background: RGBColor) -> RGBColor {
        // Contrast with black is (L + 0.05) / 0.05 and with white 1.05 / (L + 0.05); they are
        // equal where (L + 0.05)² = 0.05 · 1.05.
        background.relativeLuminance > (0.05 * 1.05).squareRoot() - 0.05 ? .black : .white
    }

    /// The chart as SVG text; the same chart always gives the same bytes.
    public func svg() -> String {
        let fontSize = ChartFrame.fontSize
        let n = classNames.count
        let largest = counts.joined().max() ?? 0
        let widestCount = counts.joined().map { estimatedWidth(String($0), fontSize: fontSize) }.max() ?? 0
        let cell = max(36, (widestCount + 12).rounded(.up))
        let rowLabelWidth = classNames.map { estimatedWidth($0, fontSize: fontSize) }.max() ?? 0
        // Column labels are turned 45°, so they take about 0.71 of their length each way.
        let columnLabelDrop = rowLabelWidth * 0.71 + fontSize
        let left = max(8 + fontSize * 1.2 + 8 + rowLabelWidth + 8, columnLabelDrop - cell / 2 + 8).rounded(.up)
        let top = 8.0
        let bottom = top + Double(n) * cell
        let width = left + Double(n) * cell + 8
        let height = bottom + 8 + columnLabelDrop + 8 + fontSize * 1.2 + 4
        // At its natural size, so its counts stay as large as the report's text rather than growing
        // with the page's width.
        var svg = SVGDocument(
            width: width, height: height, title: title, description: description ?? summary, sizing: .natural)
        svg.open("g", ["class": "confusion-matrix", "font-family": ChartFrame.fontFamily, "font-size": "12"])
        drawCells(into: &svg, left: left, top: top, cell: cell, largest: largest)
        svg.open("g", ["class": "axis y-axis", "fill": "currentColor", "text-anchor": "end"])
        for (row, name) in classNames.enumerated() {
            let y = format(top + (Double(row) + 0.5) * cell)
            svg.element("text", ["x": format(left - 8), "y": y, "dy": "0.32em"], text: name)
        }
        let middleY = format((top + bottom) / 2), titleX = format(8 + fontSize * 0.9)
        svg.element(
            "text",
            [
                "class": "axis-title", "x": titleX, "y": middleY, "text-anchor": "middle",
                "transform": "rotate(-90 \(titleX) \(middleY))",
            ],
            text: "true class")
        svg.close()
        svg.open("g", ["class": "axis x-axis", "fill": "currentColor", "text-anchor": "end"])
        for (column, name) in classNames.enumerated() {
            let x = format(left + (Double(column) + 0.5) * cell), y = format(bottom + 8 + fontSize * 0.7)
            svg.element("text", ["x": x, "y": y, "transform": "rotate(-45 \(x) \(y))"], text: name)
        }
        svg.element(
            "text",
            [
                "class": "axis-title", "x": format(left + Double(n) * cell / 2), "y": format(height - 6),
                "text-anchor": "middle",
            ],
            text: "predicted class")
        svg.close()
        svg.close()
        return svg.finished()
    }

    private func drawCells(into svg: inout SVGDocument, left: Double, top: Double, cell: Double, largest: Int) {
        let size = format(cell - 1)
        for (row, values) in counts.enumerated() {
            for (column, count) in values.enumerated() {
                let fill = Self.fill(count: count, largest: largest)
                let x = left + Double(column) * cell, y = top + Double(row) * cell
                svg.open("g", ["class": row == column ? "cell diagonal" : "cell"])
                svg.element(
                    "title",
                    text: "true \(classNames[row]), predicted \(classNames[column]): \(count) "
                        + (count == 1 ? "image" : "images"))
                svg.element(
                    "rect", ["x": format(x), "y": format(y), "width": size, "height": size, "fill": fill.description])
                svg.element(
                    "text",
                    [
                        "x": format(x + cell / 2), "y": format(y + cell / 2), "dy": "0.32em", "text-anchor": "middle",
                        "fill": Self.textColor(on: fill).description,
                    ],
                    text: String(count))
                svg.close()
            }
        }
    }

    /// "Confusion matrix of 3 classes over 100 images; 90 on the diagonal (predicted right)."
    private var summary: String {
        let total = counts.joined().reduce(0, +)
        let right = counts.indices.reduce(0) { $0 + counts[$1][$1] }
        return "Confusion matrix of \(classNames.count) classes over \(total) images, true class on rows and "
            + "predicted class on columns; \(right) on the diagonal (predicted right)."
    }
}

extension RGBColor {
    /// WCAG 2's relative luminance, from 0 (black) to 1 (white).
    var relativeLuminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }
}
