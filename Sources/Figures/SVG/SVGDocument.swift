/// A tiny SVG writer that escapes every text and attribute value, so no caller can produce
/// malformed XML or inject markup through a series name or label.
///
/// Elements are written in call order and attributes in the order given, so the same calls
/// always give byte-identical text.
///
/// ```swift
/// var svg = SVGDocument(width: 200, height: 100, title: "Loss", description: "Two models")
/// svg.element("text", ["x": "10", "y": "20", "class": "label"], text: "MLP & CNN")
/// let text = svg.finished()
/// ```
public struct SVGDocument: Sendable {
    /// How the root element is sized in a page.
    public enum Sizing: Sendable {
        /// `width="100%"`: fills its container, the height following the `viewBox` aspect ratio.
        case responsive
        /// The `viewBox` size in CSS pixels, shrinking (never growing) to fit narrow containers;
        /// right for bitmaps, which blur or distort when scaled by fractions.
        case natural
    }

    private var text = ""
    private var openElements: [String] = []

    /// Starts a document with a `width × height` `viewBox` and an accessible `<title>` and `<desc>`.
    public init(width: Double, height: Double, title: String, description: String? = nil, sizing: Sizing = .responsive)
    {
        let w = NumberFormat.fixed(width, decimals: 1)
        let h = NumberFormat.fixed(height, decimals: 1)
        switch sizing {
        case .responsive:
            open(
                "svg",
                ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(w) \(h)", "width": "100%", "role": "img"])
        case .natural:
            open(
                "svg",
                [
                    "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(w) \(h)", "width": w, "height": h,
                    "style": "max-width:100%;height:auto", "role": "img",
                ])
        }
        element("title", text: title)
        if let description { element("desc", text: description) }
    }

    /// Opens `<name …>`; children follow until the matching `close()`.
    public mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        startTag(name, attributes)
        text += ">"
        openElements.append(name)
    }

    /// Closes the innermost open element.
    public mutating func close() {
        guard let name = openElements.popLast() else { return }
        text += "</\(name)>"
    }

    /// Writes a whole element: `<name …/>`, or `<name …>text</name>` when `text` is given.
    public mutating func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text content: String? = nil
    ) {
        startTag(name, attributes)
        if let content {
            text += ">" + Markup.escape(content) + "</\(name)>"
        } else {
            text += "/>"
        }
    }

    /// The document, with any elements still open closed.
    public func finished() -> String {
        var document = self
        while !document.openElements.isEmpty { document.close() }
        return document.text + "\n"
    }

    private mutating func startTag(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += "<" + name
        for (key, value) in attributes {
            text += " " + key + "=\"" + Markup.escape(value) + "\""
        }
    }
}
