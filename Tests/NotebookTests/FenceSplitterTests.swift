import Notebook
import Testing

@Suite struct FenceSplitterTests {
    private func split(_ text: String) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        let lines = SourceFile(path: "x.md", text: text).lines
        return FenceSplitter.split(lines[...], firstLine: 1)
    }

    private func range(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(start: .init(line: startLine, column: startColumn), end: .init(line: endLine, column: endColumn))
    }

    @Test func cellsAreSplitFromProseWithTheLineTheirCodeStartsOn() {
        let text = "# Title\n\n```nb\nx = 1\ny = 2\n```\nText\n"
        let (blocks, diagnostics) = split(text)
        #expect(diagnostics.isEmpty)
        #expect(
            blocks == [
                .prose(Prose(text: "# Title\n", range: range(1, 1, 2, 1))),
                .cell(Cell(index: 0, code: "x = 1\ny = 2", codeLine: 4, range: range(3, 1, 6, 4))),
                .prose(Prose(text: "Text", range: range(7, 1, 7, 5))),
            ])
    }

    @Test func otherFencesAndLongerFencesStayProseOrNestCorrectly() {
        let text = "```python\n```nb\n```\n~~~~ nb extra\n```\nx = 1\n~~~~\n"
        let (blocks, diagnostics) = split(text)
        #expect(diagnostics.isEmpty)
        #expect(
            blocks == [
                .prose(Prose(text: "```python\n```nb\n```", range: range(1, 1, 3, 4))),
                .cell(Cell(index: 0, code: "```\nx = 1", codeLine: 5, range: range(4, 1, 7, 5))),
            ])
    }

    @Test func theInfoStringMustBeExactlyNb() {
        let (blocks, _) = split("```nbx\na\n```\n``` nb\nb\n```\n")
        #expect(blocks.count == 2)
        guard case .cell(let cell) = blocks.last else {
            Issue.record("expected a cell")
            return
        }
        #expect(cell.code == "b")
    }

    @Test func anUnclosedCellIsAnError() {
        let (blocks, diagnostics) = split("text\n```nb\nx = 1\n")
        #expect(
            diagnostics == [
                Diagnostic(
                    .error, "unclosed cell: the '```nb' fence has no closing '```'; add one after the cell's code",
                    at: range(2, 1, 2, 6))
            ])
        #expect(blocks.count == 2)
    }

    @Test func anUnclosedOtherFenceIsAWarning() {
        let (_, diagnostics) = split("~~~python\nx\n")
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(
            diagnostics.map(\.message) == [
                "unclosed code fence '~~~'; it runs to the end of the file, hiding any cells after it"
            ])
    }
}
