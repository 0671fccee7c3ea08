import CMark
import Foundation

/// One prose block parsed by cmark-gfm, GitHub's own renderer, with the GFM extensions on:
/// tables, strikethrough, autolinks, task lists, the tag filter, and footnotes.
///
/// The tree is changed in place before it is rendered (headings get ids, math and inline values
/// become custom nodes), so what the page shows is decided on the parsed tree, never by
/// re-reading the HTML. The tree is freed with the value.
final class CMarkTree {
    /// The GFM extensions GitHub turns on for comments and `.md` files; `footnotes` is a parser
    /// option in cmark-gfm rather than a syntax extension.
    static let gfm: Set<String> = ["table", "strikethrough", "autolink", "tagfilter", "tasklist", "footnotes"]

    /// cmark-gfm registers its extensions in a global list behind an unlocked flag, so two pages
    /// rendered at once (tests in parallel, the preview's server) could register them twice;
    /// Swift runs a static initializer exactly once, whatever the threads.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// cmark-gfm's inline parser keeps its table of special characters in a global that attaching
    /// and freeing extensions edit (`~` for strikethrough), so one parser at a time: two in
    /// parallel once lost `~~…~~` (GFM example 26, in a parallel test run).
    private static let lock = NSLock()

    // Both are nil only when cmark runs out of memory; the tree is then empty.
    private let parser: OpaquePointer?
    private let root: OpaquePointer?
    private let options: Int32

    /// Parses `markdown` with `extensions` (some of `gfm`).
    ///
    /// Raw HTML is kept (GitHub keeps `<sub>`, `<details>`, `<br>`); `HTMLSanitizer` writes it
    /// anew from an allowlist, and `URLFilter` drops link targets outside its own.
    init(_ markdown: String, extensions: Set<String> = gfm) {
        _ = Self.registered
        Self.lock.lock()
        defer { Self.lock.unlock() }
        options = CMARK_OPT_UNSAFE | (extensions.contains("footnotes") ? CMARK_OPT_FOOTNOTES : 0)
        let parser = cmark_parser_new(options)
        for name in extensions.sorted() where name != "footnotes" {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        self.parser = parser
        root = cmark_parser_finish(parser)
    }

    deinit {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Every node below the root, in document order, collected before any is changed.
    func nodes() -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        guard let root else { return [] }
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), node != root {
                found.append(node)
            }
        }
        return found
    }

    /// The page's HTML for the tree as it now stands.
    func html() -> String {
        guard let root, let rendered = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser))
        else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    // MARK: Nodes

    /// The node's type.
    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    /// The node's literal text (text, code, HTML), or "".
    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// Sets the node's literal text.
    static func setLiteral(_ node: OpaquePointer, _ text: String) {
        cmark_node_set_literal(node, text)
    }

    /// A link's or image's destination.
    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// Sets a link's or image's destination.
    static func setURL(_ node: OpaquePointer, _ url: String) {
        cmark_node_set_url(node, url)
    }

    /// A fenced code block's info string.
    static func fenceInfo(_ node: OpaquePointer) -> String {
        cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    }

    /// The text a reader sees in `node`: its text literals, its code spans as `code` shows them
    /// (by default their literal), line breaks as spaces.
    static func plainText(_ node: OpaquePointer, code: (String) -> String = { $0 }) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let kind = type(current)
            if kind == CMARK_NODE_TEXT {
                text += literal(current)
            } else if kind == CMARK_NODE_CODE {
                text += code(literal(current))
            } else if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
                text += " "
            } else {
                text += plainText(current, code: code)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    /// A node that writes `enter` before its children and `exit` after them; a block when
    /// `block`, else inline.
    func custom(block: Bool, enter: String, exit: String = "") -> OpaquePointer? {
        let node = cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    /// An inline node of raw HTML, written as it is.
    func html(_ markup: String) -> OpaquePointer? {
        let node = cmark_node_new(CMARK_NODE_HTML_INLINE)
        cmark_node_set_literal(node, markup)
        return node
    }

    /// Whether `node` is inside an image, whose alt text is written from text alone.
    static func isInImage(_ node: OpaquePointer) -> Bool {
        var parent = cmark_node_parent(node)
        while let current = parent {
            if type(current) == CMARK_NODE_IMAGE { return true }
            parent = cmark_node_parent(current)
        }
        return false
    }

    /// A text node.
    func text(_ literal: String) -> OpaquePointer? {
        let node = cmark_node_new(CMARK_NODE_TEXT)
        cmark_node_set_literal(node, literal)
        return node
    }

    /// Puts a block that writes `enter`, the children of `node`, then `exit` where the block
    /// `node` was, and frees `node`. The markup sits in an inline inside an empty custom block,
    /// since a custom block writes line breaks around its own markup.
    func replaceBlock(_ node: OpaquePointer, enter: String, exit: String) {
        guard let block = custom(block: true, enter: ""), let inline = custom(block: false, enter: enter, exit: exit)
        else { return }
        cmark_node_append_child(block, inline)
        cmark_node_insert_before(node, block)
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_append_child(inline, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// Puts `replacements` where `node` was and frees `node`.
    func replace(_ node: OpaquePointer, with replacements: [OpaquePointer?]) {
        for case let replacement? in replacements {
            cmark_node_insert_before(node, replacement)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
