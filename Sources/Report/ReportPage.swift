import Foundation
import Notebook
import Runner

/// The HTML report of one run of a notebook: a single self-contained page with the prose, each
/// cell with what it produced, and how the run went, plus each figure as a file of its own.
///
/// The page needs nothing but itself: styles and the small script are inline, image grids are
/// PNG `data:` URIs and charts inline SVG, so it opens from a file, offline, years later. Its
/// Content-Security-Policy keeps it so and runs no script but its own (`ContentSecurityPolicy`).
///
/// ```swift
/// var page = ReportPage(document: document, record: record, context: context)
/// try AtomicFile.write(try page.files(in: URL(fileURLWithPath: "Output")))  // Output/vae_compare.html
/// ```
public struct ReportPage: Sendable {
    /// The notebook as parsed.
    public let document: Document
    /// What the run did.
    public let record: RunRecord
    /// nb's version, the commit and the machine.
    public let context: ReportContext
    /// The live preview's additions, for the served page only; nil for the file.
    public var live: LivePage?
    /// The figure files that could not be written, by file name: the page says so at each.
    public var unwrittenFigures: [String: ReportError] = [:]

    /// A page for `record`, a run of `document`.
    public init(document: Document, record: RunRecord, context: ReportContext) {
        self.document = document
        self.record = record
        self.context = context
    }

    /// The notebook's file name without `.md`: the page is `<name>.html`, its figures in `<name>/`.
    public var name: String {
        Self.name(ofNotebook: record.notebook)
    }

    /// The name every output of the notebook at `path` takes (`<name>.html`, `.json`, `.ipynb`):
    /// its file name without `.md`, or `notebook` when nothing is left (a notebook named `.md`).
    /// Only `.md` is dropped, so no output is ever named as the notebook itself (`q.json` gives
    /// `q.json.json`).
    public static func name(ofNotebook path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
        return stem.isEmpty ? "notebook" : stem
    }

    /// The page's title: the front matter's, else the notebook's name.
    public var title: String {
        record.title ?? document.frontMatter?.title ?? name
    }

    /// The page.
    public func html() -> String {
        let renderer = MarkdownRenderer()
        let comparison = RunComparison(record)
        let main = notebookHTML(renderer: renderer, comparison: comparison)
        let scripts = inlineScripts(hasMath: renderer.hasMath) + (live.map { [$0.script] } ?? [])
        // The served preview page talks back to its own server; the file never does.
        let policy = ContentSecurityPolicy(scripts: scripts, connectsToItsServer: live != nil)
        var page = HTMLBuilder()
        page.raw("<!doctype html>\n")
        page.open("html", ["lang": "en"])
        page.wrap("head") { head in
            head.element("meta", ["charset": "utf-8"])
            head.element("meta", ["http-equiv": "Content-Security-Policy", "content": policy.text])
            head.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
            head.element("meta", ["name": "color-scheme", "content": "light dark"])
            head.element("meta", ["name": "generator", "content": "nb \(context.version)"])
            head.element("title", text: title)
            head.wrap("style") { $0.raw(Stylesheet.css) }
        }
        page.open("body")
        page.wrap("div", ["class": "page"]) { page in
            live?.renderBanner(into: &page)
            Header(
                title: title, record: record, context: context,
                defaults: Header.defaults(in: document), comparison: comparison
            ).render(into: &page)
            Contents(headings: renderer.headings).render(into: &page)
            page.wrap("main", ["class": "notebook"]) { $0.raw(main) }
            page.wrap("footer", ["class": "report-footer"]) { footer in
                footer.write("Written by nb \(context.version) from ")
                footer.element("code", text: record.notebook)
                footer.write(". Figures are also in ")
                footer.element("code", text: name + "/")
                footer.write(".")
            }
        }
        page.wrap("dialog", ["class": "zoom-view", "aria-label": "Figure at full size"]) { dialog in
            dialog.element("button", ["class": "close", "type": "button", "aria-label": "Close"], text: "×")
            dialog.wrap("div", ["class": "zoom-scroll"]) { $0.element("img", ["alt": ""]) }
        }
        for script in scripts { page.wrap("script") { $0.raw(script) } }
        page.close()
        return page.finished() + "\n"
    }

    /// The notebook's blocks in order: each prose block rendered by `renderer` with its computed
    /// values in place, each cell with what its statements produced, the values that changed
    /// since the last run marked.
    private func notebookHTML(renderer: MarkdownRenderer, comparison: RunComparison?) -> String {
        var catalog = FigureCatalog(statements: displayedStatements)
        catalog.unwritten = unwrittenFigures
        var main = HTMLBuilder()
        var proseSeen = false
        // The prose values the header's list of changes links to, each anchored once.
        var anchors = Set(((comparison?.changed ?? []) + (comparison?.added ?? [])).map(\.index))
        for (index, block) in document.blocks.enumerated() {
            switch block {
            case .prose(let prose):
                // The header shows the title, so a first line repeating it as `# Title` is dropped.
                let markdown = proseSeen ? prose.text : Self.droppingTitle(title, from: prose.text)
                proseSeen = true
                let values = document.inlineExpressions.filter { $0.block == index }.map { inline in
                    InlineValue(
                        inline, record: record,
                        previous: inline.statement.flatMap { comparison?.previousDisplay(of: $0) },
                        anchored: inline.statement.map { anchors.remove($0) != nil } ?? false)
                }
                main.wrap("div", ["class": "prose"]) { $0.raw(renderer.html(markdown, values: values)) }
            case .cell(let cell):
                CellView(
                    cell: cell, statements: record.statements.filter { $0.cell == cell.index },
                    notebookPath: record.notebook, catalog: catalog, figureDirectory: name + "/",
                    comparison: comparison
                ).render(into: &main)
            }
        }
        return main.finished()
    }

    /// Every script the page embeds, in order; the one place that decides them, so that the
    /// Content-Security-Policy lists each by its hash. KaTeX and its starter come only with math.
    func inlineScripts(hasMath: Bool) -> [String] {
        guard hasMath, let katex = context.katex else { return [PageScript.javaScript] }
        return [PageScript.javaScript, katex, MathScript.javaScript]
    }

    /// Whether the prose has math, so the page needs KaTeX.
    public var hasMath: Bool {
        let renderer = MarkdownRenderer()
        for case .prose(let prose) in document.blocks { _ = renderer.html(prose.text) }
        return renderer.hasMath
    }

    /// Each figure as a file: `(name, bytes)`, PNG for image grids and SVG for charts, named
    /// after its title and unique, in page order.
    public func figureFiles() -> [(name: String, data: Data)] {
        FigureCatalog(statements: displayedStatements).entries.map { entry in
            switch entry.figure.image {
            case .png(let data): (entry.fileName, data)
            case .svg(let text): (entry.fileName, Data(text.utf8))
            }
        }
    }

    /// The statements whose value the page shows: bare expressions that produced something.
    private var displayedStatements: [StatementRecord] {
        record.statements.filter {
            $0.binding == nil && $0.display != nil && $0.status != .failed && $0.cell != nil
        }
    }

    /// `markdown` without its first non-blank line if that line is `# title`.
    static func droppingTitle(_ title: String, from markdown: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return markdown }
        let heading = lines[first].trimmingCharacters(in: .whitespaces)
        guard heading.hasPrefix("# "), heading.dropFirst(2).trimmingCharacters(in: .whitespaces) == title else {
            return markdown
        }
        lines.remove(at: first)
        return lines.joined(separator: "\n")
    }
}
