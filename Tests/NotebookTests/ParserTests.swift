import Notebook
import TestSupport
import Testing

@Suite struct ParserTests {
    private func parse(_ code: String, line: Int = 1) -> (statements: [Statement], diagnostics: [Diagnostic]) {
        let parsed = Parser.parse(code: code, line: line, cell: 0)
        return (parsed.statements, parsed.diagnostics)
    }

    private func range(_ source: MarkedSource, _ from: String, _ to: String) -> SourceRange {
        SourceRange(start: source[from], end: source[to])
    }

    @Test func aBindingOfACallKeepsEveryPosition() {
        let source = MarkedSource(#"1️⃣fit2️⃣ = 3️⃣train4️⃣(5️⃣mlp6️⃣, 7️⃣on8️⃣: 9️⃣data🔟)"#, firstLine: 12)
        let (statements, diagnostics) = parse(source.text, line: 12)
        #expect(diagnostics.isEmpty)
        let on = Identifier(name: "on", range: range(source, "7️⃣", "8️⃣"))
        let data = Expr(.identifier("data"), range: range(source, "9️⃣", "🔟"))
        let mlp = Expr(.identifier("mlp"), range: range(source, "5️⃣", "6️⃣"))
        var end = source["🔟"]
        end.column += 1
        let call = Expr(
            .call(
                callee: Identifier(name: "train", range: range(source, "3️⃣", "4️⃣")),
                arguments: [CallArgument(label: nil, value: mlp), CallArgument(label: on, value: data)]),
            range: SourceRange(start: source["3️⃣"], end: end))
        let expected = Statement(binding: Identifier(name: "fit", range: range(source, "1️⃣", "2️⃣")), value: call, cell: 0)
        #expect(statements == [expected])
    }

    @Test func literalsOfEveryKindParse() {
        let (statements, diagnostics) = parse(#"f(1, -2, 0.5, -1e-3, "s", true, false, [1, [2]], [])"#)
        #expect(diagnostics.isEmpty)
        guard case .call(_, let arguments) = statements.first?.value.kind else {
            Issue.record("expected a call")
            return
        }
        #expect(
            arguments.map(\.value.kind) == [
                .integer(1), .integer(-2), .float(0.5), .float(-0.001), .string("s"), .bool(true), .bool(false),
                .list([
                    Expr(.integer(1), range: .init(start: .init(line: 1, column: 41), end: .init(line: 1, column: 42))),
                    Expr(
                        .list([
                            Expr(
                                .integer(2),
                                range: .init(start: .init(line: 1, column: 45), end: .init(line: 1, column: 46)))
                        ]),
                        range: .init(start: .init(line: 1, column: 44), end: .init(line: 1, column: 47))),
                ]),
                .list([]),
            ])
        #expect(
            arguments[1].value.range == SourceRange(start: .init(line: 1, column: 6), end: .init(line: 1, column: 8)))
    }

    @Test func newlinesInsideBracketsContinueTheStatement() {
        let (statements, diagnostics) = parse("m = mlp(\n  hidden: [400,\n    400],\n  latent: 2,\n)\nm", line: 5)
        #expect(diagnostics.isEmpty)
        #expect(statements.count == 2)
        #expect(
            statements.first?.range == SourceRange(start: .init(line: 5, column: 1), end: .init(line: 9, column: 2)))
        #expect(statements.last?.binding == nil)
        #expect(statements.last?.value.kind == .identifier("m"))
    }

    @Test func blankLinesAndCommentsAreSkipped() {
        let (statements, diagnostics) = parse("\n# only a comment\n\nx = 1 # trailing\n\n")
        #expect(diagnostics.isEmpty)
        #expect(statements.map(\.binding?.name) == ["x"])
    }

    static let problems: [(String, String)] = [
        ("x = 1️⃣)", "expected an expression, found ')'"),
        ("x = f(1 1️⃣2)", "expected ',' or ')', found '2'"),
        ("x = [1 1️⃣2]", "expected ',' or ']', found '2'"),
        ("x = 1 1️⃣y", "expected the end of the statement, found 'y'; put each statement on its own line"),
        ("x = f1️⃣(1,\ny = 2", "'(' opened at 1:6 is never closed; add ')'"),
        ("x = 1️⃣[1, 2", "'[' opened at 1:5 is never closed; add ']'"),
        ("x = 1️⃣- y", "'-' must be followed by a number; there is no arithmetic in cells"),
        ("1️⃣f(x) = 2", "only a name can be bound: write 'name = expression'"),
        ("x = f(a: 1️⃣)", "expected an expression, found ')'"),
        ("x =1️⃣", "expected an expression, found end of cell"),
    ]

    @Test(arguments: problems)
    func syntaxProblemsAreReportedAtTheMarker(marked: String, message: String) {
        let source = MarkedSource(marked)
        let diagnostics = parse(source.text).diagnostics
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
    }

    @Test func everyBrokenStatementIsReportedAndTheGoodOnesKept() {
        let (statements, diagnostics) = parse("a = )\nb = 1\nc = f(1 2)\nd = [\n 1,\n 2]\ne = 3 4")
        #expect(statements.map(\.binding?.name) == ["b", "d"])
        #expect(diagnostics.map(\.range?.start.line) == [1, 3, 7])
    }

    @Test func theNamesOfBrokenStatementsAreKept() {
        let parsed = Parser.parse(code: "a = f(1 2)\nb = 1 2\n3 = x\nc = )", line: 1, cell: 0)
        #expect(parsed.brokenBindings.map(\.name) == ["a", "b", "c"])
    }

    @Test func anUnclosedCallResumesAtTheNextStatement() {
        let (statements, diagnostics) = parse("a = f(1,\nb = 2\nc = 3")
        #expect(statements.map(\.binding?.name) == ["b", "c"])
        #expect(diagnostics.count == 1)
    }

    static let tooDeep = "calls and lists are nested more than 100 deep here; bind the inner parts to names first"

    /// Each of these overflowed the parser's stack (exit 139) before the nesting limit.
    @Test(
        arguments: [
            ("x = " + String(repeating: "[", count: 1500) + String(repeating: "]", count: 1500), 105, ["y"]),
            ("x = " + String(repeating: "f(", count: 1000) + String(repeating: ")", count: 1000), 206, ["y"]),
            // Never closed, so the next line is still inside the brackets.
            ("x = " + String(repeating: "[", count: 10000), 105, []),
        ] as [(String, Int, [String])])
    func nestingDeeperThanTheLimitIsOneErrorAtTheFirstBracketTooMany(code: String, column: Int, kept: [String]) {
        let parsed = Parser.parse(code: code + "\ny = 1", line: 3, cell: 0)
        #expect(parsed.diagnostics.map(\.message) == [Self.tooDeep])
        #expect(parsed.diagnostics.map(\.range?.start) == [SourceLocation(line: 3, column: column)])
        #expect(parsed.statements.compactMap(\.binding?.name) == kept)
    }

    @Test func nestingUpToTheLimitParses() {
        let depth = Parser.maximumNesting
        let code = "x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let parsed = Parser.parse(code: code, line: 1, cell: 0)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.statements.count == 1)
    }

    @Test func anUnreadableCharacterIsReportedOnceNotAgainByTheParser() {
        let source = MarkedSource("x = a 1️⃣$ b\ny = f(1 2️⃣$)")
        let diagnostics = parse(source.text).diagnostics
        #expect(diagnostics.map(\.message) == ["unexpected character '$'", "unexpected character '$'"])
        #expect(diagnostics.map(\.range?.start) == [source["1️⃣"], source["2️⃣"]])
    }

    @Test func aNameWithAZeroWidthJoinerIsOneErrorNotASecondBindingThatReadsTheSame() {
        let (statements, diagnostics) = parse("x\u{200D} = 1\nx = 2")
        #expect(
            diagnostics.map(\.message) == [
                "invisible character U+200D ZERO WIDTH JOINER: it shows nothing, so the code would not read as what "
                    + "it is; delete it"
            ])
        #expect(diagnostics.first?.range?.start == SourceLocation(line: 1, column: 2))
        #expect(statements.compactMap(\.binding?.name) == ["x"])
    }
}
