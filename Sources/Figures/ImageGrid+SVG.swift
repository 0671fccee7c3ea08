import Foundation

extension ImageGrid {
    /// The grid as a self-contained SVG: the PNG embedded as a base64 `data:` image at its
    /// natural size (scaled only down, and then without smoothing), row labels right-aligned to
    /// its left and column labels centred above it, as `<text>` in the page's text colour.
    public func svg(title: String, description: String? = nil) throws(FigureError) -> String {
        let fontSize = 12.0
        let layout = self.layout
        let png = try self.png()
        let labelWidth = rowLabels.map { labels in labels.map { estimatedWidth($0, fontSize: fontSize) }.max() ?? 0 }
        // Whole pixels, so the bitmap lands on the pixel grid and stays sharp.
        let left = labelWidth.map { ($0 + 10).rounded(.up) } ?? 0
        let top = columnLabels == nil ? 0 : fontSize + 8
        let width = left + Double(layout.width)
        let height = top + Double(layout.height)

        var svg = SVGDocument(
            width: width, height: height, title: title,
            description: description
                ?? "A grid of \(imageCount) images in \(rowCount) rows and \(min(columns, imageCount)) columns.",
            sizing: .natural)
        svg.open(
            "g",
            ["class": "image-grid", "font-family": ChartFrame.fontFamily, "font-size": "12", "fill": "currentColor"])
        svg.element(
            "image",
            [
                "x": format(left), "y": format(top), "width": String(layout.width), "height": String(layout.height),
                "href": "data:image/png;base64," + Data(png).base64EncodedString(),
                "style": "image-rendering:pixelated;image-rendering:crisp-edges",
                "preserveAspectRatio": "none",
            ])
        if let rowLabels {
            for (label, row) in zip(rowLabels, layout.rows) {
                svg.element(
                    "text",
                    [
                        "class": "row-label", "x": format(left - 8), "y": format(top + row.midY), "dy": "0.32em",
                        "text-anchor": "end",
                    ],
                    text: label)
            }
        }
        if let columnLabels {
            for (label, column) in zip(columnLabels, layout.columns) {
                svg.element(
                    "text",
                    [
                        "class": "column-label", "x": format(left + column.midX), "y": format(top - 6),
                        "text-anchor": "middle",
                    ],
                    text: label)
            }
        }
        svg.close()
        return svg.finished()
    }
}
