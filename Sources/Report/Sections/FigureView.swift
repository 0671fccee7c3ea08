import Foundation
import Runner

/// A figure with its caption and a link to its own file.
///
/// Charts are nb's own SVG, inlined so their text follows the page's theme and a script can
/// toggle their series. Image grids are PNG `data:` URIs shown at their natural size (already
/// scaled by a whole number when drawn) with `image-rendering: pixelated`, never resized by a
/// fraction: on a narrow screen they scroll sideways rather than blur. Their row and column
/// labels are HTML text placed at the grid's centres; a click shows the grid at the largest
/// whole-number zoom that fits the window, and an interpolation gets a slider over its steps.
struct FigureView {
    /// The figure.
    var figure: DisplayFigure
    /// Its file, relative to the page, or nil if it is not written.
    var file: String?
    /// Why its file could not be written, shown in place of the download link.
    var failure: ReportError? = nil

    /// Writes `<figure>`.
    func render(into html: inout HTMLBuilder) {
        switch figure.image {
        case .svg(let svg):
            html.open("figure", ["class": "figure chart", "data-chart": ""])
            html.raw(Self.inlined(svg))
        case .png(let data):
            html.open("figure", ["class": "figure image-figure"])
            grid(png: data, into: &html)
        }
        html.wrap("figcaption") { html in
            if !figure.title.isEmpty { html.element("strong", text: figure.title + ". ") }
            html.write(figure.caption)
            if let failure {
                html.write(" ")
                html.element("span", ["class": "figure-error"], text: failure.description)
            } else if let file {
                html.write(" ")
                html.element("a", ["class": "download", "href": file, "download": ""], text: fileKind)
            }
        }
        html.close()
    }

    /// The download link's text: the kind of the figure's own file, which is written as its image is.
    private var fileKind: String {
        switch figure.image {
        case .png: "PNG"
        case .svg: "SVG"
        }
    }

    /// An SVG file's text as inline HTML markup: the namespace declaration, which HTML does not
    /// need, is dropped so the page names no URL of its own.
    static func inlined(_ svg: String) -> String {
        guard let range = svg.range(of: " xmlns=\"http://www.w3.org/2000/svg\"") else { return svg }
        let tagEnd = svg.firstIndex(of: ">") ?? svg.endIndex
        return range.lowerBound < tagEnd ? svg.replacingCharacters(in: range, with: "") : svg
    }

    private func grid(png: Data, into html: inout HTMLBuilder) {
        let labels = figure.grid
        let source = "data:image/png;base64," + png.base64EncodedString()
        let rowLabels = labels?.rows ?? []
        let columnLabels = labels?.columns ?? []
        let labelWidth = rowLabels.map(\.count).max() ?? 0
        let interpolation = labels?.interpolates == true
        html.open("div", ["class": "grid-scroll"])
        html.open(
            "div",
            [
                "class": "image-grid", "style": labelWidth > 0 ? "--label-width:\(labelWidth + 1)ch" : nil,
                "data-interpolation": interpolation ? "" : nil,
                "data-row-centers": labels.map { Self.list($0.rowCenters) },
                "data-column-centers": labels.map { Self.list($0.columnCenters) },
            ])
        if !columnLabels.isEmpty, let labels {
            html.wrap("div", ["class": "column-labels", "aria-hidden": "true"]) { html in
                for (label, center) in zip(columnLabels, labels.columnCenters) {
                    html.element("span", ["style": "left:\(Self.percent(center))"], text: label)
                }
            }
        }
        if !rowLabels.isEmpty, let labels {
            html.wrap("div", ["class": "row-labels", "aria-hidden": "true"]) { html in
                for (label, center) in zip(rowLabels, labels.rowCenters) {
                    html.element("span", ["style": "top:\(Self.percent(center))"], text: label)
                }
            }
        }
        let description =
            rowLabels.isEmpty ? figure.title : figure.title + ": rows " + rowLabels.joined(separator: ", ")
        html.wrap("button", ["class": "zoom", "type": "button", "title": "Show at full size"]) { html in
            html.element(
                "img",
                [
                    "src": source, "alt": description, "width": labels.map { String($0.width) },
                    "height": labels.map { String($0.height) },
                ])
        }
        html.close()
        html.close()
        if interpolation, columnLabels.count >= 2 {
            html.wrap("div", ["class": "stepper"]) { html in
                html.wrap("label") { html in
                    html.write("step ")
                    html.element(
                        "input",
                        [
                            "type": "range", "min": "0", "max": String(columnLabels.count - 1), "step": "1",
                            "value": "0", "data-labels": columnLabels.joined(separator: " "),
                        ])
                }
                html.element("output", text: "t = " + columnLabels[0])
                html.element("div", ["class": "step-view"])
            }
        }
    }

    /// `12.5%`, to three decimals.
    private static func percent(_ fraction: Double) -> String {
        String(format: "%.3f%%", fraction * 100)
    }

    /// Fractions as a space-separated list for the page script.
    private static func list(_ values: [Double]) -> String {
        values.map { String(format: "%.5f", $0) }.joined(separator: " ")
    }
}
