import Foundation
import Notebook
import Runner

/// One cell: its code with the .md file's line numbers, its badge, then under it what its
/// displayed statements produced and where any statement failed.
struct CellView {
    /// The cell from the document.
    var cell: Cell
    /// Its statements' records, in order.
    var statements: [StatementRecord]
    /// The notebook's path, to write failure positions as `file:line:col`.
    var notebookPath: String
    /// The figures' file names.
    var catalog: FigureCatalog
    /// Where the figure files are, relative to the page: `vae_compare/`.
    var figureDirectory: String
    /// What changed since the last run, to mark the values that differ; nil for a first run.
    var comparison: RunComparison? = nil

    /// Writes the cell as a `<section class="cell">`.
    func render(into html: inout HTMLBuilder) {
        let badge = CellBadge(statements: statements)
        let failedLines = Set(
            statements.filter { $0.status == .failed }.flatMap { $0.range.start.line...$0.range.end.line })
        let lines = SyntaxHighlighter.highlight(cell.code, firstLine: cell.codeLine)
        let first = lines.first?.number ?? cell.codeLine
        let last = lines.last?.number ?? cell.codeLine
        html.open("section", ["class": "cell cell-\(badge.kind)", "id": "cell-\(cell.index + 1)"])
        html.wrap("div", ["class": "cell-head"]) { html in
            html.element(
                "span", ["class": "cell-lines"], text: first == last ? "line \(first)" : "lines \(first)–\(last)")
            html.element("span", ["class": "badge badge-\(badge.kind)", "title": badge.detail], text: badge.text)
        }
        html.open("pre", ["class": "code"])
        html.open("code")
        for (offset, line) in lines.enumerated() {
            let failed = failedLines.contains(line.number)
            html.open("span", ["class": failed ? "line failed-line" : "line", "data-line": String(line.number)])
            html.raw(line.html)
            html.close()
            if offset < lines.count - 1 { html.write("\n") }
        }
        html.close()
        html.close()
        sweeps(into: &html)
        let shown = statements.filter {
            $0.status == .failed || $0.status == .skipped || $0.status == .interrupted || isDisplayed($0)
                || $0.resumedFrom != nil || !($0.inputs ?? []).isEmpty
        }
        if !shown.isEmpty {
            html.open("div", ["class": "outputs"])
            let displayedCount = statements.filter(isDisplayed).count
            for statement in shown { output(of: statement, labelled: displayedCount > 1, into: &html) }
            html.close()
        }
        html.close()
    }

    /// Each swept statement's lifted type, once for all its members: `line 49: fits is Fit ×8
    /// (beta 4 × seed 2)`, as diagnostics and `--plan` say it.
    private func sweeps(into html: inout HTMLBuilder) {
        var said: Set<Int> = []
        for statement in statements {
            guard let lifted = statement.lifted, said.insert(statement.range.start.line).inserted else { continue }
            let name = statement.binding ?? statement.source
            html.element(
                "p", ["class": "provenance sweep-type"],
                text: "line \(statement.range.start.line): \(name) is \(lifted)")
        }
    }

    /// Where a statement's input files were found, and what it resumed from.
    private func provenance(of statement: StatementRecord, into html: inout HTMLBuilder) {
        if let step = statement.resumedFrom, statement.status == .ran {
            html.element(
                "p", ["class": "provenance"], text: "line \(statement.range.start.line): resumed from epoch \(step)")
        }
        // One line per folder: `line 8 reads train-images-idx3-ubyte.gz, … in /data/mnist (NB_DATA)`.
        var folders: [(folder: String, origin: String, files: [String])] = []
        for input in statement.inputs ?? [] {
            let folder = (input.path as NSString).deletingLastPathComponent
            let file = (input.path as NSString).lastPathComponent
            if let index = folders.firstIndex(where: { $0.folder == folder && $0.origin == input.origin }) {
                folders[index].files.append(file)
            } else {
                folders.append((folder, input.origin, [file]))
            }
        }
        for entry in folders {
            html.wrap("p", ["class": "provenance"]) { html in
                html.write("line \(statement.range.start.line) reads ")
                for (position, file) in entry.files.enumerated() {
                    if position > 0 { html.write(position == entry.files.count - 1 ? " and " : ", ") }
                    html.element("code", text: file)
                }
                html.write(" in ")
                html.element("code", text: entry.folder)
                html.write(" (\(entry.origin))")
            }
        }
    }

    private func isDisplayed(_ statement: StatementRecord) -> Bool {
        statement.binding == nil && statement.display != nil
    }

    private func output(of statement: StatementRecord, labelled: Bool, into html: inout HTMLBuilder) {
        let start = statement.range.start
        switch statement.status {
        case .failed, .skipped, .interrupted:
            let failed = statement.status == .failed
            let label = failed ? "error" : statement.status == .interrupted ? "interrupted" : "not run"
            html.wrap("div", ["class": failed ? "failure" : "skipped", "role": failed ? "alert" : nil]) { html in
                html.element(
                    "p", ["class": "failure-position"], text: "\(notebookPath):\(start.line):\(start.column): \(label)")
                html.element("pre", ["class": "failure-message"], text: statement.message ?? "no message was recorded")
            }
        case .ran, .cached:
            provenance(of: statement, into: &html)
            guard isDisplayed(statement), let display = statement.display else { return }
            html.wrap("div", ["class": "output"]) { html in
                if labelled {
                    html.wrap("p", ["class": "output-label"]) { html in
                        html.write("line \(start.line) · ")
                        html.element("code", text: statement.source)
                    }
                }
                var ordinal = 0
                DisplayView(
                    catalog: catalog, figureDirectory: figureDirectory, statement: statement.index,
                    numeric: statement.scalarType == .int || statement.scalarType == .float
                ).render(
                    display, previous: comparison?.previousDisplay(of: statement.index), ordinal: &ordinal,
                    into: &html)
            }
        }
    }
}
