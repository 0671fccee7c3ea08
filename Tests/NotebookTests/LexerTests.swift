import Notebook
import TestSupport
import Testing

/// What every invisible-character message says after naming the character.
private let invisible = "it shows nothing, so the code would not read as what it is; delete it"

@Suite struct LexerTests {
    private func kinds(_ code: String) -> [Token.Kind] {
        Lexer.tokenize(code, line: 1).tokens.map(\.kind)
    }

    @Test func aBindingWithACallBecomesTheExpectedTokens() {
        let (tokens, diagnostics) = Lexer.tokenize("fit = train(mlp, lr: 1e-3) # note", line: 7)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.text) == ["fit", "=", "train", "(", "mlp", ",", "lr", ":", "1e-3", ")", ""])
        #expect(
            tokens.map(\.kind) == [
                .identifier, .equals, .identifier, .leftParen, .identifier, .comma, .identifier, .colon, .float,
                .rightParen, .end,
            ])
        #expect(tokens[8].range == SourceRange(start: .init(line: 7, column: 22), end: .init(line: 7, column: 26)))
    }

    @Test func numbersAreIntegersUnlessTheyHaveAFractionOrExponent() {
        #expect(kinds("3 0.001 1e-3 2E+5 1_000") == [.integer, .float, .float, .float, .integer, .end])
    }

    @Test func stringsResolveTheirEscapes() {
        let (tokens, diagnostics) = Lexer.tokenize(#""a\"b\\c\nd""#, line: 1)
        #expect(diagnostics.isEmpty)
        #expect(tokens.first?.text == "a\"b\\c\nd")
    }

    @Test func newlinesAdvanceTheLineAndResetTheColumn() {
        let tokens = Lexer.tokenize("a\n  b", line: 10).tokens
        #expect(tokens[2].range.start == SourceLocation(line: 11, column: 3))
    }

    @Test func columnsCountUnicodeScalarsNotBytes() {
        let tokens = Lexer.tokenize("\"é\" x", line: 1).tokens
        #expect(tokens[1].range.start == SourceLocation(line: 1, column: 5))
    }

    @Test(arguments: [
        ("x = 1️⃣1.", "malformed number '1.'; write numbers like 3, 0.001 or 1e-3"),
        ("x = 1️⃣1e", "malformed number '1e'; write numbers like 3, 0.001 or 1e-3"),
        ("x = 1️⃣12ab", "malformed number '12ab'; write numbers like 3, 0.001 or 1e-3"),
        ("x = 1️⃣99999999999999999999", "integer literal '99999999999999999999' is too large"),
        ("x = 1️⃣\"abc", "unterminated string; add a closing '\"' on the same line"),
        ("x = 1️⃣$", "unexpected character '$'"),
        ("x = 1️⃣\u{1B}", "unexpected character U+001B"),
        ("x = 1️⃣\u{200B}", "invisible character U+200B ZERO WIDTH SPACE: \(invisible)"),
        ("x = 1️⃣€", "unexpected character '€'"),
        (#"x = "a1️⃣\q""#, #"invalid escape '\q' in string; use \", \\, \n or \t"#),
    ])
    func lexicalProblemsAreReportedAtTheMarker(marked: String, message: String) {
        let source = MarkedSource(marked)
        let diagnostics = Lexer.tokenize(source.text, line: 1).diagnostics
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
    }

    @Test func namesMayUseLettersOfAnyScriptAsInSwift() {
        let (tokens, diagnostics) = Lexer.tokenize("λ = 数据_2 + é", line: 1)
        #expect(diagnostics.map(\.message) == ["unexpected character '+'"])
        #expect(tokens.filter { $0.kind == .identifier }.map(\.text) == ["λ", "数据_2", "é"])
        #expect(tokens[2].range == SourceRange(start: .init(line: 1, column: 5), end: .init(line: 1, column: 9)))
    }

    /// Default-ignorable code points that Unicode counts as XID_Start or XID_Continue, so a lexer
    /// that follows XID alone reads them as part of a name.
    @Test(arguments: [
        ("x1️⃣\u{200C}", "U+200C ZERO WIDTH NON-JOINER"),
        ("x1️⃣\u{200D}", "U+200D ZERO WIDTH JOINER"),
        ("x1️⃣\u{034F}", "U+034F COMBINING GRAPHEME JOINER"),
        ("x1️⃣\u{FE0F}", "U+FE0F VARIATION SELECTOR-16"),
        ("1️⃣\u{115F}", "U+115F HANGUL CHOSEONG FILLER"),
        ("1️⃣\u{3164}", "U+3164 HANGUL FILLER"),
        ("ab1️⃣\u{17B4}c", "U+17B4 KHMER VOWEL INHERENT AQ"),
    ])
    func invisibleCharactersInANameAreErrorsThatNameThemWhereTheyAre(marked: String, character: String) {
        let source = MarkedSource("  " + marked + " = 1", firstLine: 3)
        let (tokens, diagnostics) = Lexer.tokenize(source.text, line: 3)
        #expect(diagnostics.map(\.message) == ["invisible character \(character): \(invisible)"])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
        #expect(tokens.first?.kind == .invalid)
        #expect(!Lexer.isName(tokens.first?.text ?? ""))
    }

    @Test(arguments: [("λ", true), ("数据", true), ("_x1", true), ("1x", false), ("a-b", false), ("", false)])
    func isNameAcceptsWhatTheLexerReadsAsOneName(text: String, expected: Bool) {
        #expect(Lexer.isName(text) == expected)
    }
}
