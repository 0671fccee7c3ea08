/// Builds statements from a cell's tokens, reporting every syntax problem it can find.
///
/// After a problem it skips to the end of the statement (a newline outside brackets) and goes
/// on, so one cell with several mistakes gives several diagnostics, not a cascade of them.
public struct Parser {
    private let tokens: [Token]
    private var position = 0
    /// How many `(` and `[` are open; inside them newlines continue the statement.
    private var depth = 0
    /// How many calls and lists the parser is inside now; it recurses once per level, so
    /// `maximumNesting` bounds its stack (and the checker's, which walks the same tree).
    private var nesting = 0
    /// Set when a statement ended early at a line that starts the next statement.
    private var resumeAtCurrentLine = false
    private let cell: Int
    /// The problems found so far, lexical ones first.
    public private(set) var diagnostics: [Diagnostic]
    /// Names bound by statements that failed to parse (`fit = train(…` with a syntax error), so
    /// the checker can treat them as bound instead of reporting every later use as undefined.
    public private(set) var brokenBindings: [Identifier] = []

    /// The deepest nesting of calls and lists a cell may write; deeper ones are an error, not a
    /// stack overflow. Python's parser stops at 200 parentheses; no notebook needs 100.
    public static let maximumNesting = 100

    /// Creates a parser over `tokens` (ending with `.end`) of cell number `cell`.
    public init(tokens: [Token], cell: Int, diagnostics: [Diagnostic] = []) {
        self.tokens =
            tokens.isEmpty ? [Token(kind: .end, text: "", range: SourceRange(at: .init(line: 1, column: 1)))] : tokens
        self.cell = cell
        self.diagnostics = diagnostics
    }

    /// Parses the code of cell number `cell`, whose first line is line `line` of the .md file.
    public static func parse(
        code: String, line: Int, cell: Int
    ) -> (statements: [Statement], diagnostics: [Diagnostic], brokenBindings: [Identifier]) {
        let (tokens, lexical) = Lexer.tokenize(code, line: line)
        var parser = Parser(tokens: tokens, cell: cell, diagnostics: lexical)
        let statements = parser.parseStatements()
        return (statements, parser.diagnostics, parser.brokenBindings)
    }

    /// Parses a single literal or expression written at `line`, `column` (a front-matter value).
    public static func parseExpression(
        _ text: String, line: Int, column: Int
    ) -> (expression: Expr?, diagnostics: [Diagnostic]) {
        let (tokens, lexical) = Lexer.tokenize(text, line: line, column: column)
        var parser = Parser(tokens: tokens, cell: 0, diagnostics: lexical)
        let statements = parser.parseStatements()
        guard parser.diagnostics.isEmpty, statements.count == 1, let only = statements.first,
            only.binding == nil
        else {
            if parser.diagnostics.isEmpty, let first = tokens.first {
                parser.report(.expectedExpression(found: first.quoted), at: first.range)
            }
            return (nil, parser.diagnostics)
        }
        return (only.value, parser.diagnostics)
    }

    /// Parses statements until the end of the tokens.
    public mutating func parseStatements() -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipBlankLines()
            if current.kind == .end { return statements }
            if let statement = parseStatement() {
                statements.append(statement)
            } else if resumeAtCurrentLine {
                resumeAtCurrentLine = false
            } else {
                synchronize()
            }
        }
    }

    // MARK: - Statements

    private mutating func parseStatement() -> Statement? {
        guard let first = parseExpression() else { return nil }
        var binding: Identifier?
        var value = first
        if current.kind == .equals {
            guard case .identifier(let name) = first.kind else {
                report(.assignmentToExpression, at: first.range.union(current.range))
                return nil
            }
            advance()
            binding = Identifier(name: name, range: first.range)
            guard let expression = parseExpression() else {
                brokenBindings.append(Identifier(name: name, range: first.range))
                return nil
            }
            value = expression
        }
        switch current.kind {
        case .newline: advance()
        case .end: break
        default:
            // The lexer already reported an unreadable character; one error for it is enough.
            if current.kind != .invalid {
                report(.expectedEndOfStatement(found: current.quoted), at: current.range)
            }
            if let binding { brokenBindings.append(binding) }
            return nil
        }
        return Statement(binding: binding, value: value, cell: cell)
    }

    // MARK: - Expressions

    private mutating func parseExpression() -> Expr? {
        let token = current
        switch token.kind {
        case .identifier:
            advance()
            if token.text == "true" || token.text == "false" {
                return Expr(.bool(token.text == "true"), range: token.range)
            }
            if current.kind == .leftParen {
                return parseCall(callee: Identifier(name: token.text, range: token.range))
            }
            return Expr(.identifier(token.text), range: token.range)
        case .integer, .float:
            advance()
            return number(token, negative: false, range: token.range)
        case .string:
            advance()
            return Expr(.string(token.text), range: token.range)
        case .leftBracket:
            return parseList()
        case .minus:
            advance()
            let digits = current
            guard digits.kind == .integer || digits.kind == .float else {
                report(.minusWithoutNumber, at: token.range)
                return nil
            }
            advance()
            return number(digits, negative: true, range: token.range.union(digits.range))
        case .invalid:
            return nil
        default:
            report(.expectedExpression(found: token.quoted), at: token.range)
            return nil
        }
    }

    private mutating func number(_ token: Token, negative: Bool, range: SourceRange) -> Expr? {
        let text = negative ? "-" + token.text : token.text
        if token.kind == .integer {
            guard let value = Int(text) else {
                report(.integerOverflow(text), at: range)
                return nil
            }
            return Expr(.integer(value), range: range)
        }
        guard let value = Double(text), value.isFinite else {
            report(.malformedNumber(text), at: range)
            return nil
        }
        return Expr(.float(value), range: range)
    }

    private mutating func parseCall(callee: Identifier) -> Expr? {
        let open = current
        guard enterNesting(at: open) else { return nil }
        defer { nesting -= 1 }
        advance()
        depth += 1
        var arguments: [CallArgument] = []
        let close = parseElements(open: open, closing: .rightParen) { parser in
            guard let argument = parser.parseArgument() else { return false }
            arguments.append(argument)
            return true
        }
        guard let close else { return nil }
        return Expr(.call(callee: callee, arguments: arguments), range: callee.range.union(close))
    }

    /// `label: value` or a positional `value`.
    private mutating func parseArgument() -> CallArgument? {
        var label: Identifier?
        if current.kind == .identifier, peekKind(1) == .colon {
            label = Identifier(name: current.text, range: current.range)
            advance()
            advance()
        }
        guard let value = parseExpression() else { return nil }
        return CallArgument(label: label, value: value)
    }

    private mutating func parseList() -> Expr? {
        let open = current
        guard enterNesting(at: open) else { return nil }
        defer { nesting -= 1 }
        advance()
        depth += 1
        var elements: [Expr] = []
        let close = parseElements(open: open, closing: .rightBracket) { parser in
            guard let element = parser.parseExpression() else { return false }
            elements.append(element)
            return true
        }
        guard let close else { return nil }
        return Expr(.list(elements), range: open.range.union(close))
    }

    /// Counts one more level of nesting at the bracket `open`, or reports it as too deep.
    private mutating func enterNesting(at open: Token) -> Bool {
        guard nesting < Self.maximumNesting else {
            report(.nestingTooDeep(limit: Self.maximumNesting), at: open.range)
            return false
        }
        nesting += 1
        return true
    }

    /// Parses comma-separated elements up to `closing`, which it consumes; returns the closing
    /// token's range, or nil after reporting a problem.
    private mutating func parseElements(
        open: Token, closing: Token.Kind, parse: (inout Parser) -> Bool
    ) -> SourceRange? {
        while true {
            if current.kind == closing {
                let range = current.range
                advance()
                depth -= 1
                return range
            }
            if current.kind == .end {
                report(.unclosedBracket(open.text, opened: open.range.start), at: open.range)
                return nil
            }
            let elementStart = index(after: position, skipping: 0)
            let startsLine = tokens[elementStart - 1].kind == .newline
            guard parse(&self) else { return nil }
            if current.kind == .comma {
                advance()
            } else if current.kind != closing {
                let nextLineStarts = tokens[position].kind == .newline
                if current.kind == .end {
                    report(.unclosedBracket(open.text, opened: open.range.start), at: open.range)
                    return nil
                }
                if nextLineStarts || (startsLine && current.kind == .equals) {
                    // The line after the bracket starts a new statement: the bracket was left open.
                    report(.unclosedBracket(open.text, opened: open.range.start), at: open.range)
                    position = nextLineStarts ? index(after: position, skipping: 0) : elementStart
                    depth = 0
                    resumeAtCurrentLine = current.kind != .end
                    return nil
                }
                let closingText = closing == .rightParen ? ")" : "]"
                if current.kind != .invalid {
                    report(.expectedComma(closing: closingText, found: current.quoted), at: current.range)
                }
                return nil
            }
        }
    }

    // MARK: - Tokens

    private var current: Token { tokens[index(after: position, skipping: 0)] }

    private func peekKind(_ offset: Int) -> Token.Kind {
        tokens[index(after: position, skipping: offset)].kind
    }

    /// The index of the token `offset` tokens after `start`, passing over newlines inside brackets.
    private func index(after start: Int, skipping offset: Int) -> Int {
        var index = start
        var remaining = offset
        while true {
            while depth > 0, index < tokens.count - 1, tokens[index].kind == .newline { index += 1 }
            if remaining == 0 || index >= tokens.count - 1 { return min(index, tokens.count - 1) }
            index += 1
            remaining -= 1
        }
    }

    private mutating func advance() {
        position = min(index(after: position, skipping: 0) + 1, tokens.count - 1)
    }

    private mutating func skipBlankLines() {
        while tokens[position].kind == .newline { position += 1 }
    }

    /// Skips to just after the newline that ends the current statement, balancing brackets.
    private mutating func synchronize() {
        var balance = depth
        depth = 0
        while position < tokens.count - 1 {
            let kind = tokens[position].kind
            position += 1
            switch kind {
            case .leftParen, .leftBracket: balance += 1
            case .rightParen, .rightBracket: balance = max(balance - 1, 0)
            case .newline where balance == 0: return
            default: break
            }
        }
    }

    private mutating func report(_ error: ScriptError, at range: SourceRange) {
        diagnostics.append(Diagnostic(error, at: range))
    }
}
