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

    /// Each line of a message used to be joined to the next by a literal `␊`.
    @Test func aMessageOfSeveralLinesPrintsItsFurtherLinesIndentedUnderTheCaret() {
        let range = SourceRange(start: .init(line: 3, column: 9), end: .init(line: 3, column: 13))
        let message = "MNIST train split not found: looked in:\n  /data/mnist (NB_DATA)\nset NB_DATA"
        #expect(
            DiagnosticRenderer(source: source).render(Diagnostic(.error, message, at: range)) == """
                Notebooks/x.md:3:9: error: MNIST train split not found: looked in:
                train = mnst(split: "train")
                        ^~~~
                    /data/mnist (NB_DATA)
                  set NB_DATA

                """)
        #expect(
            DiagnosticRenderer(source: source).render(Diagnostic(.error, "a\nb\u{1B}", at: nil)) == "error: a\n  b␛\n")
    }

    @Test func tabsAreKeptSoTheCaretLinesUp() {
        let range = SourceRange(at: .init(line: 4, column: 2))
        let diagnostic = Diagnostic(.warning, "w", at: range)
        #expect(
            DiagnosticRenderer(source: source).render(diagnostic) == "Notebooks/x.md:4:2: warning: w\n\tx = 1\n\t^\n")
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
            ("mnst", ["mnist", "mnsta"], "mnist"),
            ("mnst", ["mnsta", "mnist"], "mnist"),
        ] as [(String, [String], String?)])
    func didYouMeanSuggestsOnlyCloseNames(name: String, candidates: [String], expected: String?) {
        #expect(DidYouMean.suggestion(for: name, among: candidates) == expected)
    }

    /// Before, an ESC in a cell reached the terminal raw, in the message and the quoted line.
    @Test func controlCharactersAreShownAsTheirPicturesSoTheCaretStillLinesUp() {
        let file = SourceFile(path: "x.md", text: "x = a\u{1B}[2Jb\u{7F}")
        let diagnostic = Diagnostic(.error, "found '\u{1B}'", at: SourceRange(at: .init(line: 1, column: 10)))
        #expect(
            DiagnosticRenderer(source: file).render(diagnostic)
                == "x.md:1:10: error: found '␛'\nx = a␛[2Jb␡\n         ^\n")
    }

    /// Before, a 100,000-character line was printed whole under its error.
    @Test func aLongLineIsCutToAWindowAroundTheColumn() {
        let line = String(repeating: "a", count: 50_000) + "$" + String(repeating: "b", count: 50_000)
        let file = SourceFile(path: "x.md", text: line)
        let range = SourceRange(start: .init(line: 1, column: 50_001), end: .init(line: 1, column: 50_002))
        let lines = DiagnosticRenderer(source: file).render(Diagnostic(.error, "e", at: range)).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == "…" + String(repeating: "a", count: 40) + "$" + String(repeating: "b", count: 79) + "…")
        #expect(lines[2] == String(repeating: " ", count: 41) + "^")
    }

    /// Before, 3 KB of random bytes printed 799 errors.
    @Test func afterTheLimitTheRestAreCountedNotPrinted() {
        let file = SourceFile(path: "x.md", text: String(repeating: "$\n", count: 60))
        let diagnostics = (1...60).map { Diagnostic(.error, "e\($0)", at: SourceRange(at: .init(line: $0, column: 1))) }
        let text = DiagnosticRenderer(source: file).render(diagnostics)
        let headlines = text.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(headlines.count == 50)
        #expect(headlines.last == "x.md:50:1: error: e50")
        #expect(text.hasSuffix("\nnote: 10 more problems not shown; fix these first\n"))
    }

    /// Before, a misspelt 20,000-letter name built a 400-million-cell distance table.
    @Test func namesLongerThanTheLimitGetNoSuggestionAndCostNothing() {
        let long = String(repeating: "a", count: 20_000)
        #expect(DidYouMean.suggestion(for: long + "b", among: [long + "c"]) == nil)
        let limit = String(repeating: "a", count: DidYouMean.maximumLength - 1)
        #expect(DidYouMean.suggestion(for: limit + "b", among: [limit + "c"]) == limit + "c")
    }
}
