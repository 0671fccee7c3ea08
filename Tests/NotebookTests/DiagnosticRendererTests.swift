import Notebook
import Testing

@Suite struct DiagnosticRendererTests {
    private let source = SourceFile(
        path: "Notebooks/x.md", text: "# t\n```nb\ntrain = mnst(split: \"train\")\n\tx = 1\n```\n")

    @Test func anErrorIsPrintedWithItsLineAndACaretUnderTheRange() {
        let range = SourceRange(start: .init(line: 3, column: 9), end: .init(line: 3, column: 13))
        let diagnostic = Diagnostic(.error, "unknown operation 'mnst'; did you mean 'mnist'?", at: range)
        #expect(
            DiagnosticRenderer(source: source).render(diagnostic) == """
                Notebooks/x.md:3:9: error: unknown operation 'mnst'; did you mean 'mnist'?
                train = mnst(split: "train")
                        ^~~~

                """)
    }

    @Test func tabsAreKeptSoTheCaretLinesUpAndHintsBecomeNotes() {
        let range = SourceRange(at: .init(line: 4, column: 2))
        let diagnostic = Diagnostic(.warning, "w", at: range, hint: "do this")
        #expect(
            DiagnosticRenderer(source: source).render(diagnostic)
                == "Notebooks/x.md:4:2: warning: w\n\tx = 1\n\t^\nNotebooks/x.md:4:2: note: do this\n")
    }

    @Test func diagnosticsWithoutAPositionAreSortedFirstAndHaveNoSourceLine() {
        let late = Diagnostic(.error, "late", at: SourceRange(at: .init(line: 4, column: 1)))
        let early = Diagnostic(.error, "early", at: SourceRange(at: .init(line: 3, column: 1)))
        let global = Diagnostic(.error, "unknown parameter", at: nil)
        let text = DiagnosticRenderer(source: source).render([late, global, early])
        #expect(
            text.split(separator: "\n").filter { $0.contains("error") } == [
                "error: unknown parameter", "Notebooks/x.md:3:1: error: early", "Notebooks/x.md:4:1: error: late",
            ])
    }

    @Test(
        arguments: [
            ("mnst", ["mnist", "fashion_mnist"], "mnist"),
            ("epoch", ["epochs", "lr"], "epochs"),
            ("lr", ["epochs", "seed"], nil),
            ("tarin", ["train", "test"], "train"),
            ("q", ["d", "m"], nil),
        ] as [(String, [String], String?)])
    func didYouMeanSuggestsOnlyCloseNames(name: String, candidates: [String], expected: String?) {
        #expect(DidYouMean.suggestion(for: name, among: candidates) == expected)
    }
}
