import Ink

/// Renders the notebook's prose with Ink, giving every heading an `id` so the table of contents
/// can link to it, and collecting those headings in document order.
///
/// Ids are slugs of the heading's text (`## Training progress` → `training-progress`), made
/// unique across the page with `-2`, `-3`… so two prose blocks with the same heading still get
/// distinct anchors.
final class MarkdownRenderer {
    /// A heading found in the prose.
    struct Heading: Equatable {
        /// 1 for `#`, 2 for `##`, ….
        var level: Int
        /// The heading's text, without markup.
        var text: String
        /// The `id` it was given.
        var id: String
    }

    /// Every heading rendered so far, in order.
    private(set) var headings: [Heading] = []
    private var slugs = SlugSet()

    /// The HTML of `markdown`.
    func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .headings) { [self] input in anchored(input.html) })
        return parser.html(from: Self.joiningCodeSpanLines(markdown))
    }

    /// `markdown` with each paragraph line that starts with a code span joined to the line
    /// before it by a space, which is how CommonMark renders that line break.
    ///
    /// Ink 0.6 ends a paragraph at a line starting with a backtick, so "Run it with\n`nb x.md`."
    /// would become two paragraphs. Lines inside fenced code blocks are left alone.
    static func joiningCodeSpanLines(_ markdown: String) -> String {
        var lines: [String] = []
        var fence: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            let marker = String(trimmed.prefix { $0 == "`" || $0 == "~" })
            if marker.count >= 3, Set(marker).count == 1 {
                if fence == nil {
                    fence = marker
                } else if let open = fence, marker.hasPrefix(open) {
                    fence = nil
                }
                lines.append(line)
                continue
            }
            let previous = lines.last?.drop { $0 == " " } ?? ""
            let continuesParagraph =
                fence == nil && line.hasPrefix("`") && !previous.isEmpty
                && !["#", "|", ">"].contains(where: { previous.hasPrefix($0) })
            if continuesParagraph, let last = lines.popLast() {
                lines.append(last + " " + line)
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `<hN>body</hN>` with an `id`, recording the heading.
    private func anchored(_ html: String) -> String {
        guard html.hasPrefix("<h"), html.count > 4, let level = Int(String(html.dropFirst(2).prefix(1))) else {
            return html
        }
        let open = "<h\(level)>"
        let close = "</h\(level)>"
        guard html.hasPrefix(open), html.hasSuffix(close) else { return html }
        let body = String(html.dropFirst(open.count).dropLast(close.count))
        let text = Self.plainText(of: body)
        let id = slugs.unique(Slug.make(text, fallback: "section"))
        headings.append(Heading(level: level, text: text, id: id))
        return "<h\(level) id=\"\(id)\">" + body + close
    }

    /// The text of Ink's inline markup: tags dropped, its entities decoded.
    static func plainText(of html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">" where inTag: inTag = false
            default: if !inTag { text.append(character) }
            }
        }
        let entities = ["&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&amp;": "&"]
        for (entity, character) in entities { text = text.replacingOccurrences(of: entity, with: character) }
        return text
    }
}
