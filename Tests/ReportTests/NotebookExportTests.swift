import Foundation
import Notebook
import Runner
import Testing

@testable import Report

private func exported(_ document: Document, _ record: RunRecord) throws -> [String: Any] {
    let data = try NotebookExport(document: document, record: record).json()
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Test func theExportIsAnNbformat45NotebookWithOneCellPerBlock() throws {
    let notebook = try exported(SampleRun.document, try SampleRun.record())
    #expect(notebook["nbformat"] as? Int == 4)
    #expect(notebook["nbformat_minor"] as? Int == 5)
    let metadata = try #require(notebook["metadata"] as? [String: Any])
    #expect((metadata["kernelspec"] as? [String: String])?["language"] == "nb")
    #expect((metadata["language_info"] as? [String: String])?["name"] == "nb")
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code", "markdown", "code"])
    #expect(cells.map { $0["id"] as? String } == ["md-0", "nb-1", "md-2", "nb-3"])
    #expect(cells[1]["execution_count"] as? Int == 1)
    #expect(cells[3]["execution_count"] as? Int == 2)
    #expect(cells[1]["source"] as? [String] == ["x = thing(count: epochs)   # a comment\n", "x"])
    #expect((cells[0]["source"] as? [String])?.first == "# A <small> & quick test\n")
}

@Test func eachDisplayBecomesTheOutputJupyterExpects() throws {
    let cells = try #require(try exported(SampleRun.document, try SampleRun.record())["cells"] as? [[String: Any]])
    let outputs = try #require(cells[1]["outputs"] as? [[String: Any]])
    #expect(outputs.map { $0["output_type"] as? String } == Array(repeating: "display_data", count: 4))
    let data = outputs.compactMap { $0["data"] as? [String: Any] }
    #expect(
        data.map { Set($0.keys) } == [
            ["text/plain"], ["text/html", "text/plain"], ["image/png", "text/plain"], ["image/svg+xml", "text/plain"],
        ])
    #expect(data[0]["text/plain"] as? [String] == ["x has 3 <items> & more"])
    let table = (data[1]["text/html"] as? [String])?.joined() ?? ""
    #expect(table.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td class=\"number\">1,234,567</td>"))
    #expect(
        data[1]["text/plain"] as? [String] == [
            "name\tcount\tloss\n", "<script>alert(1)</script>\t1,234,567\t0.01235\n", "b & c\t12\tNaN",
        ])
    let png = try #require(data[2]["image/png"] as? String)
    #expect(Data(base64Encoded: png)?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    #expect((data[3]["image/svg+xml"] as? [String])?.joined() == SampleRun.svg)
    #expect(data[3]["text/plain"] as? [String] == ["Loss per epoch: Loss <by> epoch"])

    let failed = try #require(cells[3]["outputs"] as? [[String: Any]])
    #expect(failed.map { $0["output_type"] as? String } == ["error", "stream"])
    #expect(failed[0]["evalue"] as? String == "broken: x must be positive")
    #expect(failed[0]["traceback"] as? [String] == ["Notebooks/test.md:32:1: error: broken: x must be positive"])
    #expect(failed[1]["text"] as? [String] == ["not run: it reads 'y' (line 32), which failed\n"])
}

@Test func theExportFillsInTheProsesValuesAndIsTheSameForTheSameRun() throws {
    let text = "# T\n\nIt has `{nb} parameters(fit)` weights and `{nb} missing()`.\n"
    let document = Document(source: SourceFile(path: "t.md", text: text))
    let entry = StatementRecord(
        index: 0, cell: nil, range: document.statements[0].range, source: "parameters(fit)",
        binding: nil, status: .ran, cacheHit: false, seconds: 0, seed: 0, key: "", display: .text("973624"),
        message: nil, type: "Int")
    let record = RunRecord(
        notebook: "t.md", title: nil, seed: 0, parameters: [], statements: [entry], startedAt: "", seconds: 0)
    let cells = try #require(try exported(document, record)["cells"] as? [[String: Any]])
    #expect(cells[0]["source"] as? [String] == ["# T\n", "\n", "It has 973,624 weights and `missing()`."])
    let first = try NotebookExport(document: document, record: record).json()
    #expect(try NotebookExport(document: document, record: record).json() == first)
}
