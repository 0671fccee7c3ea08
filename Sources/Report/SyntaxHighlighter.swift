import Figures
import Notebook

/// Colours a cell's code with the Notebook lexer's own tokens, so highlighting agrees with the
/// language exactly: what the lexer reads as a number, a string or a name is shown as one.
///
/// Each token becomes a `<span class="tok-…">`: `tok-call` (an operation being called),
/// `tok-binding` (the name a statement binds), `tok-label` (an argument label), `tok-name` (any
/// other name), `tok-keyword` (`true`, `false`), `tok-number`, `tok-string`, `tok-comment`,
/// `tok-punct` and `tok-invalid`. The text inside comes from the source line, not the token, so
/// strings keep their escapes as written.
enum SyntaxHighlighter {
    /// One highlighted line of a cell: its .md line number and its markup.
    struct Line: Equatable {
        /// The 1-based line in the .md file.
        var number: Int
        /// The line's markup, text escaped.
        var html: String
    }

    /// Highlights `code`, whose first line is line `firstLine` of the .md file.
    static func highlight(_ code: String, firstLine: Int) -> [Line] {
        let tokens = Lexer.tokenize(code, line: firstLine).tokens
        let sourceLines = code.split(separator: "\n", omittingEmptySubsequences: false)
        var byLine: [Int: [(token: Token, kind: String)]] = [:]
        for (index, token) in tokens.enumerated() {
            guard let kind = cssClass(of: token, at: index, in: tokens) else { continue }
            byLine[token.range.start.line, default: []].append((token, kind))
        }
        return sourceLines.enumerated().map { offset, text in
            let number = firstLine + offset
            return Line(number: number, html: markup(Array(text.unicodeScalars), spans: byLine[number] ?? []))
        }
    }

    /// The class of the token at `index`, or nil for line ends and the end of the cell.
    private static func cssClass(of token: Token, at index: Int, in tokens: [Token]) -> String? {
        let next = index + 1 < tokens.count ? tokens[index + 1].kind : .end
        let previous = index > 0 ? tokens[index - 1].kind : .newline
        switch token.kind {
        case .newline, .end: return nil
        case .identifier:
            if token.text == "true" || token.text == "false" { return "tok-keyword" }
            if next == .leftParen { return "tok-call" }
            if next == .colon { return "tok-label" }
            if next == .equals, previous == .newline { return "tok-binding" }
            return "tok-name"
        case .integer, .float: return "tok-number"
        case .minus: return next == .integer || next == .float ? "tok-number" : "tok-punct"
        case .string: return "tok-string"
        case .invalid: return "tok-invalid"
        case .equals, .leftParen, .rightParen, .leftBracket, .rightBracket, .comma, .colon: return "tok-punct"
        }
    }

    /// The line's scalars with each token's columns wrapped in its span; what lies between
    /// tokens is spaces or, from a `#`, a comment the lexer skipped.
    private static func markup(_ scalars: [Unicode.Scalar], spans: [(token: Token, kind: String)]) -> String {
        var html = ""
        var column = 0
        func text(_ range: Range<Int>) -> String {
            let lower = min(max(range.lowerBound, 0), scalars.count)
            let upper = min(max(range.upperBound, lower), scalars.count)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[lower..<upper])
            return Markup.escape(String(view))
        }
        func gap(to end: Int) {
            guard column < end else { return }
            if let hash = scalars[column..<min(end, scalars.count)].firstIndex(of: "#") {
                html += text(column..<hash) + "<span class=\"tok-comment\">" + text(hash..<end) + "</span>"
            } else {
                html += text(column..<end)
            }
            column = end
        }
        for (token, kind) in spans {
            let start = token.range.start.column - 1
            // A token that runs past its line (an unterminated string) ends with the line.
            let end = token.range.end.line == token.range.start.line ? token.range.end.column - 1 : scalars.count
            gap(to: start)
            html += "<span class=\"\(kind)\">" + text(start..<end) + "</span>"
            column = max(column, end)
        }
        gap(to: scalars.count)
        return html
    }
}
