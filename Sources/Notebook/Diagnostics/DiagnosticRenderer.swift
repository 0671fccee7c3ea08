/// Prints diagnostics the way compilers do, so editors and CI logs can jump to them.
///
/// ```
/// Notebooks/x.md:12:9: error: unknown operation 'mnst'; did you mean 'mnist'?
/// train = mnst(split: "train")
///         ^~~~
/// ```
///
/// Nothing from the file reaches the terminal raw: control characters are shown as their
/// Control Pictures (`␛`), a long line is cut to a window around the column, and after
/// `limit` diagnostics the rest are counted, not printed, as compilers stop after a screenful.
public struct DiagnosticRenderer: Sendable {
    /// The file the diagnostics' ranges point into.
    public let source: SourceFile
    /// How many diagnostics `render(_:)` prints before it only counts the rest.
    public let limit: Int
    /// How many characters of a source line are shown around the column, at most.
    public static let lineWindow = 120

    /// Creates a renderer for diagnostics about `source` that prints at most `limit` of them.
    public init(source: SourceFile, limit: Int = 50) {
        self.source = source
        self.limit = limit
    }

    /// The first `limit` of `diagnostics`, sorted by position, each followed by its source line
    /// and caret; then a line counting those left out.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        let sorted = diagnostics.enumerated().sorted { left, right in
            let leftKey = left.element.range?.start ?? SourceLocation(line: 0, column: 0)
            let rightKey = right.element.range?.start ?? SourceLocation(line: 0, column: 0)
            return (leftKey, left.offset) < (rightKey, right.offset)
        }
        var text = sorted.prefix(limit).map { render($0.element) }.joined()
        if sorted.count > limit {
            let omitted = sorted.count - limit
            text += Self.omittedNote(omitted)
        }
        return text
    }

    /// One diagnostic: the `path:line:col: severity: message` line, then the quoted source line
    /// and a caret line, then the message's further lines indented under them (a list of places
    /// searched); every line ends with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        let lines = diagnostic.message.split(separator: "\n", omittingEmptySubsequences: false)
        let message = Self.printable(String(lines[0]))
        let more = lines.dropFirst().map { "  " + Self.printable(String($0)) + "\n" }.joined()
        guard let range = diagnostic.range else { return "\(diagnostic.severity.rawValue): \(message)\n" + more }
        let place = "\(Self.printable(source.path)):\(range.start.line):\(range.start.column)"
        var text = "\(place): \(diagnostic.severity.rawValue): \(message)\n"
        if let line = source.line(range.start.line) {
            text += excerpt(of: line, range: range)
        }
        return text + more
    }

    /// The line (or a window of it around the range's start) and its caret line.
    private func excerpt(of line: String, range: SourceRange) -> String {
        let scalars = Array(line.unicodeScalars)
        let start = min(max(range.start.column - 1, 0), scalars.count)
        let endColumn = range.end.line == range.start.line ? range.end.column : scalars.count + 1
        var lower = 0
        var upper = scalars.count
        if scalars.count > Self.lineWindow {
            lower = max(0, min(start - Self.lineWindow / 3, scalars.count - Self.lineWindow))
            upper = min(scalars.count, lower + Self.lineWindow)
        }
        var shown = String.UnicodeScalarView()
        var caret = ""
        if lower > 0 {
            shown.append("…")
            caret += " "
        }
        for index in lower..<upper {
            shown.append(Self.printable(scalars[index]))
            if index < start { caret += scalars[index] == "\t" ? "\t" : " " }
        }
        if upper < scalars.count { shown.append("…") }
        caret += "^"
        let tildes = min(endColumn - 1, upper) - start - 1
        if tildes > 0 { caret += String(repeating: "~", count: tildes) }
        return String(shown) + "\n" + caret + "\n"
    }

    /// `text` with every control character but the tab replaced by one printable character.
    static func printable(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(printable(scalar)) }
        return String(result)
    }

    /// C0 controls as their Control Pictures (ESC as `␛`), DEL as `␡`, C1 controls as `�`: one
    /// character each, so the caret still lines up.
    private static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09: scalar
        case 0x00..<0x20: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: "\u{2421}"
        case 0x80..<0xA0: "\u{FFFD}"
        default: scalar
        }
    }
}
