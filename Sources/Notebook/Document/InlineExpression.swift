/// A value computed into the prose, in Quarto's convention: the code span `` `{nb} expression` ``
/// inside a paragraph. GitHub shows it as code; the report shows the value the run computed.
///
/// The document turns each one into a bare-expression statement (its `cell` is nil)
/// placed after every cell's statements, so it is checked, run and cached like any statement,
/// may read any name the cells bind, and nothing can depend on it.
public struct InlineExpression: Hashable, Sendable {
    /// The index of the prose block it is in, among the document's blocks.
    public var block: Int
    /// The expression's text, as written after `{nb}`.
    public var text: String
    /// The whole code span, backticks included.
    public var range: SourceRange
    /// The number of its statement in `Document.statements`, or nil if it did not parse.
    public var statement: Int?

    /// Creates an inline expression.
    public init(block: Int, text: String, range: SourceRange, statement: Int?) {
        self.block = block
        self.text = text
        self.range = range
        self.statement = statement
    }

    /// The `{nb}` code spans of one prose block: the expression text, where the span starts and
    /// ends, and the column of the expression's first character. Code spans within one line
    /// only; those in fenced code blocks are code.
    static func scan(_ prose: Prose) -> [(text: String, range: SourceRange, column: Int)] {
        var found: [(String, SourceRange, Int)] = []
        var fence: Character?
        for (offset, line) in prose.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            let trimmed = line.drop { $0 == " " }
            if let marker = trimmed.first, marker == "`" || marker == "~",
                trimmed.prefix(3).allSatisfy({ $0 == marker }),
                trimmed.count >= 3
            {
                fence = fence == nil ? marker : (fence == marker ? nil : fence)
                continue
            }
            guard fence == nil else { continue }
            let number = prose.range.start.line + offset
            var index = 0
            while index < scalars.count {
                guard scalars[index] == "`" else {
                    index += scalars[index] == "\\" ? 2 : 1
                    continue
                }
                let run = scalars[index...].prefix { $0 == "`" }.count
                guard let close = closing(scalars, from: index + run, run: run) else {
                    index += run
                    continue
                }
                let content = String(String.UnicodeScalarView(scalars[(index + run)..<close]))
                let leading = content.unicodeScalars.prefix { $0 == " " }.count
                let body = content.dropFirst(leading)
                if body.hasPrefix("{nb}"), body.dropFirst(4).first?.isWhitespace == true {
                    let afterTag = body.dropFirst(4)
                    let spaces = afterTag.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
                    let expression = String(afterTag.dropFirst(spaces)).trimmingTrailingSpaces()
                    let column = index + run + leading + 4 + spaces + 1
                    let range = SourceRange(
                        start: SourceLocation(line: number, column: index + 1),
                        end: SourceLocation(line: number, column: close + run + 1))
                    found.append((expression, range, column))
                }
                index = close + run
            }
        }
        return found
    }

    /// Where the backtick run of length `run` that closes a code span starts, if on this line.
    private static func closing(_ scalars: [Unicode.Scalar], from start: Int, run: Int) -> Int? {
        var index = start
        while index < scalars.count {
            guard scalars[index] == "`" else {
                index += 1
                continue
            }
            let length = scalars[index...].prefix { $0 == "`" }.count
            if length == run { return index }
            index += length
        }
        return nil
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate func trimmingTrailingSpaces() -> String {
        var scalars = Array(unicodeScalars)
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
