import CMark
import Figures
import Foundation

/// Renders the notebook's prose as GitHub does, with cmark-gfm and its extensions, then gives
/// every heading an `id` so the table of contents can link to it, and marks the math for KaTeX.
///
/// Ids are slugs of the heading's text (`## Training progress` → `training-progress`), made
/// unique across the page with `-2`, `-3`… so two prose blocks with the same heading still get
/// distinct anchors. They are read from the parsed tree, as are the formulas.
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
    /// Whether any prose rendered so far has math, so the page must bring KaTeX.
    private(set) var hasMath = false
    private var slugs = SlugSet()
    private let extensions: Set<String>

    /// A renderer with cmark-gfm's `extensions` on: by default all that GitHub uses.
    init(extensions: Set<String> = CMarkTree.gfm) {
        self.extensions = extensions
    }

    /// The HTML of `markdown`, with `values` in place of its `` `{nb} expression` `` code spans,
    /// matched by expression in order.
    func html(_ markdown: String, values: [InlineValue] = []) -> String {
        let scanner = MathScanner(markdown)
        let tree = CMarkTree(scanner.text, extensions: extensions)
        var values = values[...]
        for node in tree.nodes() {
            let type = CMarkTree.type(node)
            if type == CMARK_NODE_CODE, let expression = Self.inlineExpression(CMarkTree.literal(node)),
                let match = values.firstIndex(where: { $0.expression == expression })
            {
                // Raw inline HTML, not a custom node: a table cell refuses custom children, and an
                // image's alt text is written from the text nodes below it alone.
                let value = values.remove(at: match)
                tree.replace(node, with: [CMarkTree.isInImage(node) ? tree.text(value.text) : tree.html(value.html)])
            } else if type == CMARK_NODE_HEADING {
                anchor(node, in: tree, formulas: scanner.formulas, values: values)
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                if !URLFilter.allows(CMarkTree.url(node), image: type == CMARK_NODE_IMAGE) {
                    CMarkTree.setURL(node, "")
                }
            } else if type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                CMarkTree.setLiteral(node, HTMLSanitizer.clean(CMarkTree.literal(node)))
            } else if type == CMARK_NODE_TEXT, !scanner.formulas.isEmpty {
                placeFormulas(scanner.formulas, in: node, tree: tree)
            } else if type == CMARK_NODE_CODE_BLOCK, CMarkTree.fenceInfo(node).split(separator: " ").first == "math" {
                hasMath = true
                let tex = String(CMarkTree.literal(node).dropLast(while: \.isNewline))
                tree.replace(
                    node, with: [tree.custom(block: true, enter: Self.formulaHTML(tex, display: true, block: true))])
            }
        }
        return tree.html()
    }

    /// The expression of a code span's text `{nb} expression`, if it is one.
    static func inlineExpression(_ code: String) -> String? {
        guard code.hasPrefix("{nb}"), code.dropFirst(4).first?.isWhitespace == true else { return nil }
        return code.dropFirst(4).trimmingCharacters(in: .whitespaces)
    }

    /// Replaces the heading by one with an `id`, recording it; a computed value in the heading
    /// reads as its value in the id and the table of contents, as it does on the page.
    private func anchor(
        _ node: OpaquePointer, in tree: CMarkTree, formulas: [MathScanner.Formula], values: ArraySlice<InlineValue>
    ) {
        let level = Int(cmark_node_get_heading_level(node))
        let plain = CMarkTree.plainText(node) { code in
            Self.inlineExpression(code).flatMap { expression in values.first { $0.expression == expression }?.text }
                ?? code
        }
        let text = MathScanner.restoring(formulas, in: plain)
        let id = slugs.unique(Slug.make(text, fallback: "section"))
        headings.append(Heading(level: level, text: text, id: id))
        let open = "<h\(level) id=\"\(Markup.escape(id))\">"
        tree.replaceBlock(node, enter: open, exit: "</h\(level)>")
    }

    /// Splits a text node at the scanner's placeholders into text and formulas.
    private func placeFormulas(_ formulas: [MathScanner.Formula], in node: OpaquePointer, tree: CMarkTree) {
        let literal = CMarkTree.literal(node)
        guard literal.contains(MathScanner.open) else { return }
        var pieces: [OpaquePointer?] = []
        var rest = Substring(literal)
        while let open = rest.firstIndex(of: MathScanner.open),
            let close = rest[open...].firstIndex(of: MathScanner.close)
        {
            if open > rest.startIndex { pieces.append(tree.text(String(rest[..<open]))) }
            if let index = Int(rest[rest.index(after: open)..<close]), formulas.indices.contains(index) {
                pieces.append(
                    tree.custom(
                        block: false, enter: Self.formulaHTML(formulas[index].tex, display: formulas[index].display)))
                hasMath = true
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(tree.text(String(rest))) }
        tree.replace(node, with: pieces)
    }

    /// The element KaTeX renders `tex` into; until it does (or without script) it shows the TeX.
    /// A `$$` formula sits in a paragraph, so it is a `span` shown as a block.
    static func formulaHTML(_ tex: String, display: Bool, block: Bool = false) -> String {
        let kind = display ? "math-display" : "math-inline"
        let element = block ? "div" : "span"
        return "<\(element) class=\"math \(kind)\">\(Markup.escape(tex))</\(element)>"
    }
}

extension StringProtocol {
    /// The string without its last characters that match `predicate`.
    fileprivate func dropLast(while predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
