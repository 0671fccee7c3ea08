import Foundation

/// Reads the subset of YAML that front matter uses, keeping every value's exact position.
///
/// Hand-written because Notebook imports Foundation only, and a YAML library would lose the
/// positions diagnostics need. Accepted: `title: text`, `seed: 0`, `params:` followed by
/// indented `name: value` lines (integers, floats, quoted or bare-word strings, `true`/`false`,
/// inline lists), blank lines and `#` comments.
extension FrontMatter {
    /// Parses front matter from `lines`, whose first line is the opening `---` on line 1.
    /// Returns the front matter (nil if the lines do not start with one), the number of lines
    /// it used including both fences, and the problems found.
    public static func parse(
        _ lines: [String]
    ) -> (frontMatter: FrontMatter?, lineCount: Int, diagnostics: [Diagnostic]) {
        guard let first = lines.first, opens(first) else { return (nil, 0, []) }
        guard let closing = lines.dropFirst().firstIndex(where: closes) else {
            let range = SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 4))
            return (nil, lines.count, [Diagnostic(DocumentError.unclosedFrontMatter, at: range)])
        }
        var reader = Reader()
        for index in 1..<closing { reader.read(lines[index], line: index + 1) }
        let range = SourceRange(
            start: .init(line: 1, column: 1),
            end: .init(line: closing + 1, column: lines[closing].unicodeScalars.count + 1))
        let frontMatter = FrontMatter(
            title: reader.title, seed: reader.seed, parameters: reader.parameters, range: range)
        return (frontMatter, closing + 1, reader.diagnostics)
    }
}

/// The state of reading front matter line by line.
private struct Reader {
    var title: String?
    var seed: UInt64?
    var parameters: [FrontMatter.Parameter] = []
    var diagnostics: [Diagnostic] = []
    /// The line each key or parameter was first set on, to report duplicates.
    private var keyLines: [String: Int] = [:]
    private var parameterLines: [String: Int] = [:]
    private var inParams = false

    mutating func read(_ text: String, line: Int) {
        let scalars = Array(text.unicodeScalars)
        let indent = scalars.prefix { $0 == " " || $0 == "\t" }.count
        guard indent < scalars.count, scalars[indent] != "#" else { return }
        let lineRange = SourceRange(
            start: .init(line: line, column: indent + 1), end: .init(line: line, column: scalars.count + 1))
        guard let colon = scalars[indent...].firstIndex(of: ":") else {
            report(.expectedKeyValue, at: lineRange)
            return
        }
        let key = string(scalars[indent..<colon]).trimmingTrailingWhitespace()
        let keyRange = SourceRange(
            start: .init(line: line, column: indent + 1),
            end: .init(line: line, column: indent + key.unicodeScalars.count + 1))
        var valueStart = colon + 1
        while valueStart < scalars.count, scalars[valueStart] == " " || scalars[valueStart] == "\t" { valueStart += 1 }
        let value = Value(
            text: string(scalars[valueStart...]), line: line, column: valueStart + 1, keyRange: keyRange)

        if indent > 0 {
            guard inParams else {
                report(.unexpectedIndentation, at: lineRange)
                return
            }
            readParameter(key, value: value)
            return
        }
        inParams = false
        if let firstLine = keyLines[key] {
            report(.duplicateKey(key, firstLine: firstLine), at: keyRange)
            return
        }
        keyLines[key] = line
        switch key {
        case "title": title = value.isEmpty ? nil : value.plainText
        case "seed": readSeed(value)
        case "params":
            guard value.isEmpty else {
                report(.paramsNeedIndentedLines, at: value.range)
                return
            }
            inParams = true
        default: report(.unknownKey(key), at: keyRange)
        }
    }

    private mutating func readSeed(_ value: Value) {
        guard !value.isEmpty else {
            report(.missingValue("seed"), at: value.keyRange)
            return
        }
        let (expression, problems) = Parser.parseExpression(value.text, line: value.line, column: value.column)
        guard problems.isEmpty, let expression else {
            diagnostics += problems
            return
        }
        guard case .integer(let number) = expression.kind, number >= 0 else {
            report(.invalidSeed, at: expression.range)
            return
        }
        seed = UInt64(number)
    }

    private mutating func readParameter(_ name: String, value: Value) {
        guard Lexer.isName(name) else {
            report(.invalidParameterName(name), at: value.keyRange)
            return
        }
        if let firstLine = parameterLines[name] {
            report(.duplicateKey(name, firstLine: firstLine), at: value.keyRange)
            return
        }
        parameterLines[name] = value.line
        guard !value.isEmpty else {
            report(.missingValue(name), at: value.keyRange)
            return
        }
        let (tokens, _) = Lexer.tokenize(value.text, line: value.line, column: value.column)
        let identifier = Identifier(name: name, range: value.keyRange)
        // A bare word is a string, as in YAML: `split: train`.
        if tokens.count >= 2, tokens[0].kind == .identifier, tokens[1].kind == .end || tokens[1].kind == .newline,
            tokens[0].text != "true", tokens[0].text != "false"
        {
            parameters.append(.init(name: identifier, value: Expr(.string(tokens[0].text), range: tokens[0].range)))
            return
        }
        let (expression, problems) = Parser.parseExpression(value.text, line: value.line, column: value.column)
        guard problems.isEmpty, let expression else {
            diagnostics += problems
            return
        }
        guard Self.isLiteral(expression) else {
            report(.parameterNotLiteral(name), at: expression.range)
            return
        }
        parameters.append(.init(name: identifier, value: expression))
    }

    /// Whether `expression` is a literal, or `sweep([…])` of literals (a parameter swept from the
    /// front matter).
    private static func isLiteral(_ expression: Expr, sweepAllowed: Bool = true) -> Bool {
        switch expression.kind {
        case .call(let callee, let arguments):
            sweepAllowed && callee.name == "sweep" && arguments.count == 1 && arguments[0].label == nil
                && isLiteral(arguments[0].value, sweepAllowed: false)
        case .identifier: false
        case .integer, .float, .string, .bool: true
        case .list(let elements): elements.allSatisfy { isLiteral($0, sweepAllowed: false) }
        }
    }

    private mutating func report(_ error: DocumentError, at range: SourceRange) {
        diagnostics.append(Diagnostic(error, at: range))
    }

    private func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

/// The text after a key's colon, with where it starts.
private struct Value {
    let text: String
    let line: Int
    let column: Int
    let keyRange: SourceRange

    /// True when nothing but a comment follows the colon.
    var isEmpty: Bool { text.isEmpty || text.hasPrefix("#") }

    var range: SourceRange {
        SourceRange(
            start: .init(line: line, column: column),
            end: .init(line: line, column: column + text.trimmingTrailingWhitespace().unicodeScalars.count))
    }

    /// The text as a YAML plain or quoted scalar: a trailing ` #` comment dropped, quotes removed.
    var plainText: String {
        var result = text
        if let comment = result.range(of: " #") { result = String(result[..<comment.lowerBound]) }
        result = result.trimmingTrailingWhitespace()
        for quote in ["\"", "'"] where result.count >= 2 && result.hasPrefix(quote) && result.hasSuffix(quote) {
            return String(result.dropFirst().dropLast())
        }
        return result
    }
}
