import Figures

/// A tiny HTML writer that escapes every text and attribute value unless told the markup is
/// trusted, so nothing a notebook, a table cell or a caption contains can become markup.
///
/// Raw markup enters only through `raw(_:)`, used for the SVG nb's Figures module draws (its own
/// builder escapes every value) and the HTML cmark-gfm renders from the notebook's own prose.
///
/// ```swift
/// var html = HTMLBuilder()
/// html.element("td", ["class": "number"], text: "1 < 2 & 3")
/// html.text  // <td class="number">1 &lt; 2 &amp; 3</td>
/// ```
struct HTMLBuilder {
    /// The markup written so far.
    private(set) var text = ""
    private var openElements: [String] = []

    /// Elements with no content and no end tag.
    private static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "wbr", "source"]

    /// Opens `<name …>`; children follow until the matching `close()`.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        startTag(name, attributes)
        if !Self.voidElements.contains(name) { openElements.append(name) }
    }

    /// Closes the innermost open element.
    mutating func close() {
        guard let name = openElements.popLast() else { return }
        text += "</\(name)>"
    }

    /// Writes `<name …>text</name>`, or a void element's tag alone.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text content: String = "")
    {
        startTag(name, attributes)
        guard !Self.voidElements.contains(name) else { return }
        text += Markup.escape(content) + "</\(name)>"
    }

    /// Writes escaped text.
    mutating func write(_ content: String) {
        text += Markup.escape(content)
    }

    /// Writes trusted markup as it is: nb's own SVG and cmark-gfm's rendering of the prose.
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// Writes `<name …>`, then the children `body` writes, then `</name>`.
    mutating func wrap(
        _ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ body: (inout HTMLBuilder) -> Void
    ) {
        open(name, attributes)
        body(&self)
        close()
    }

    /// The markup, with any elements still open closed.
    func finished() -> String {
        var builder = self
        while !builder.openElements.isEmpty { builder.close() }
        return builder.text
    }

    /// Writes the start tag; an attribute whose value is nil is left out, and an empty value is
    /// written as a bare boolean attribute (`open`, `download`).
    private mutating func startTag(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        text += "<" + name
        for case (let key, let value?) in attributes {
            text += value.isEmpty ? " " + key : " " + key + "=\"" + Markup.escape(value) + "\""
        }
        text += ">"
    }
}
