import Foundation
import Notebook
import Runner

/// A run as a Jupyter notebook (nbformat 4.5), so Jupyter, VS Code, GitHub, nbconvert and Colab
/// can open it: one markdown cell per prose block, with the prose's `{nb}` values filled in, and
/// one code cell per nb cell, its source as written and its outputs as the run left them.
///
/// Tables are `text/html` with a `text/plain` fallback, image grids `image/png`, charts
/// `image/svg+xml`, text `text/plain`; a failed statement is an `error` output. Cell ids come from
/// the block's place in the document, so a run of an unchanged notebook gives the same ids and a
/// small diff.
public struct NotebookExport: Sendable {
    /// The notebook as parsed.
    public let document: Document
    /// What the run did.
    public let record: RunRecord

    /// An export of `record`, a run of `document`.
    public init(document: Document, record: RunRecord) {
        self.document = document
        self.record = record
    }

    /// The `.ipynb` JSON, keys sorted and indented as Jupyter writes it.
    public func json() throws -> Data {
        var cells: [[String: Any]] = []
        var executionCount = 0
        for (index, block) in document.blocks.enumerated() {
            switch block {
            case .prose(let prose):
                let values = document.inlineExpressions.filter { $0.block == index }
                cells.append([
                    "cell_type": "markdown", "id": "md-\(index)", "metadata": [String: Any](),
                    "source": Self.lines(filled(prose, values: values)),
                ])
            case .cell(let cell):
                executionCount += 1
                let statements = record.statements.filter { $0.cell == cell.index }
                cells.append([
                    "cell_type": "code", "id": "nb-\(index)", "execution_count": executionCount,
                    "metadata": ["nb": ["cell": cell.index, "line": cell.codeLine]],
                    "source": Self.lines(cell.code),
                    "outputs": statements.flatMap { outputs(of: $0, count: executionCount) },
                ])
            }
        }
        let notebook: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": [
                "kernelspec": ["name": "nb", "display_name": "nb", "language": "nb"],
                "language_info": ["name": "nb", "file_extension": ".md", "mimetype": "text/markdown"],
                "title": record.title ?? document.frontMatter?.title ?? "",
            ],
        ]
        return try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys])
    }

    /// The prose with each `{nb}` code span replaced by the value's text (its code when it has none).
    private func filled(_ prose: Prose, values: [InlineExpression]) -> String {
        var lines = prose.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        // From the last, so earlier columns stay right.
        for inline in values.reversed() {
            let row = inline.range.start.line - prose.range.start.line
            guard lines.indices.contains(row) else { continue }
            let lower = inline.range.start.column - 1
            let upper = inline.range.end.column - 1
            guard lower >= 0, upper <= lines[row].count, lower < upper else { continue }
            let value = InlineValue.plainText(inline, record: record) ?? "`\(inline.text)`"
            lines[row].replaceSubrange(lower..<upper, with: value.unicodeScalars)
        }
        // Jupyter's cells carry no blank lines around their text.
        let text = lines.map { String(String.UnicodeScalarView($0)) }
        let first = text.firstIndex { !$0.allSatisfy(\.isWhitespace) } ?? text.endIndex
        let last = text.lastIndex { !$0.allSatisfy(\.isWhitespace) } ?? first
        return first < text.endIndex ? text[first...last].joined(separator: "\n") : ""
    }

    /// The outputs of one statement: its display, or its failure.
    private func outputs(of statement: StatementRecord, count: Int) -> [[String: Any]] {
        switch statement.status {
        case .failed:
            let message = statement.message ?? "failed"
            let position = "\(record.notebook):\(statement.range.start): error: \(message)"
            return [["output_type": "error", "ename": "nb error", "evalue": message, "traceback": [position]]]
        case .skipped, .interrupted:
            let note = statement.message ?? (statement.status == .interrupted ? "interrupted" : "not run")
            return [["output_type": "stream", "name": "stderr", "text": Self.lines(note + "\n")]]
        case .ran, .cached:
            guard statement.binding == nil, let display = statement.display else { return [] }
            return Self.outputs(of: display)
        }
    }

    /// One `display_data` output per shown value.
    private static func outputs(of display: DisplayValue) -> [[String: Any]] {
        let data: [String: Any]
        switch display {
        case .list(let items):
            return items.flatMap(outputs(of:))
        case .text(let text):
            data = ["text/plain": lines(text)]
        case .table(let table):
            var html = HTMLBuilder()
            TableView(table: table).render(into: &html)
            let plain = ([table.columns] + table.rows.map { $0.map(Self.plain) }).map { $0.joined(separator: "\t") }
            data = ["text/html": lines(html.finished()), "text/plain": lines(plain.joined(separator: "\n"))]
        case .figure(let figure):
            let caption = [figure.title, figure.caption].filter { !$0.isEmpty }.joined(separator: ": ")
            switch figure.image {
            case .png(let png): data = ["image/png": png.base64EncodedString(), "text/plain": lines(caption)]
            case .svg(let svg): data = ["image/svg+xml": lines(svg), "text/plain": lines(caption)]
            }
        }
        return [["output_type": "display_data", "data": data, "metadata": [String: Any]()]]
    }

    private static func plain(_ cell: DisplayTable.Cell) -> String {
        switch cell {
        case .number(let value): TableNumberFormat(column: [value]).string(value)
        case .text(let text): text
        }
    }

    /// `text` as Jupyter stores multi-line strings: a list of lines, each but the last ending in `\n`.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = lines.popLast(), last != "\n" { lines.append(String(last.dropLast())) }
        return lines
    }
}
