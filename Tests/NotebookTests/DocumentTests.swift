import Notebook
import Testing

@Suite struct DocumentTests {
    @Test func statementsCarryPositionsInTheMarkdownFileNotTheCell() {
        let text = "---\ntitle: t\n---\n# Intro\n\n```nb\nx = 1\n\n  y = f(x)\n```\nmore\n```nb\nz = g(y)\n```\n"
        let document = Document(source: SourceFile(path: "n.md", text: text))
        #expect(document.diagnostics.isEmpty)
        #expect(document.frontMatter?.title == "t")
        #expect(document.cells.map(\.codeLine) == [7, 13])
        #expect(document.statements.map(\.binding?.name) == ["x", "y", "z"])
        #expect(document.statements.map(\.cell) == [0, 0, 1])
        #expect(
            document.statements.map(\.range.start) == [
                SourceLocation(line: 7, column: 1), SourceLocation(line: 9, column: 3),
                SourceLocation(line: 13, column: 1),
            ])
    }

    @Test func problemsFromEveryStageAreCollected() {
        let text = "---\nsede: 1\n---\n```nb\nx = )\n```\n```nb\ny = 1\n"
        let document = Document(source: SourceFile(path: "n.md", text: text))
        #expect(document.diagnostics.map(\.range?.start.line) == [2, 7, 5])
        #expect(document.diagnostics.filter(\.isError).count == 3)
    }

    @Test func sourceFileTextInARangeSpansLines() {
        let file = SourceFile(path: "n.md", text: "ab\r\ncdef\ng\n")
        #expect(file.lines == ["ab", "cdef", "g"])
        #expect(file.text(in: SourceRange(start: .init(line: 1, column: 2), end: .init(line: 2, column: 3))) == "b\ncd")
    }
}
