import Notebook
import TestSupport
import Testing

@Test func anInlineExpressionBecomesAStatementAfterTheCellsAtItsProsePosition() throws {
    let source = MarkedSource(
        """
        The MLP has 1️⃣`{nb} 2️⃣parameters(fit)` weights, `code`, and `{nb}x` is code.

        ```nb
        fit = train()
        ```

        Twice: `` {nb} add(1, 2) ``.

        ```python
        `{nb} not_this()`
        ```
        """)
    let document = Document(source: SourceFile(path: "x.md", text: source.text))
    #expect(document.diagnostics.isEmpty)
    #expect(document.statements.map(\.cell) == [0, nil, nil])
    let inline = document.inlineExpressions
    #expect(inline.map(\.text) == ["parameters(fit)", "add(1, 2)"])
    #expect(inline.map(\.block) == [0, 2])
    #expect(inline.map(\.statement) == [1, 2])
    #expect(inline[0].range.start == source.markers["1️⃣"])
    #expect(inline[0].range.end == SourceLocation(line: 1, column: 35))
    #expect(document.statements[1].value.range.start == source.markers["2️⃣"])
    #expect(document.source.text(in: document.statements[1].range) == "parameters(fit)")
}

@Test func aSyntaxErrorInAnInlineExpressionIsReportedAtItsPlaceInTheProse() throws {
    let source = MarkedSource("# Title\n\nLoss: `{nb} add(1, 1️⃣+)`.\n")
    let document = Document(source: SourceFile(path: "x.md", text: source.text))
    let diagnostic = try #require(document.diagnostics.first)
    #expect(diagnostic.range?.start == source.markers["1️⃣"])
    #expect(diagnostic.message == "unexpected character '+'")
    #expect(document.inlineExpressions.map(\.statement) == [nil])
}
