/// Prints diagnostics the way compilers do, so editors and CI logs can jump to them.
///
/// ```
/// Notebooks/x.md:12:9: error: unknown operation 'mnst'; did you mean 'mnist'?
/// train = mnst(split: "train")
///         ^~~~
/// ```
public struct DiagnosticRenderer: Sendable {
    /// The file the diagnostics' ranges point into.
    public let source: SourceFile

    /// Creates a renderer for diagnostics about `source`.
    public init(source: SourceFile) {
        self.source = source
    }

    /// All of `diagnostics`, sorted by position, each followed by its source line and caret.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        let sorted = diagnostics.enumerated().sorted { left, right in
            let leftKey = left.element.range?.start ?? SourceLocation(line: 0, column: 0)
            let rightKey = right.element.range?.start ?? SourceLocation(line: 0, column: 0)
            return (leftKey, left.offset) < (rightKey, right.offset)
        }
        return sorted.map { render($0.element) }.joined()
    }

    /// One diagnostic: the `path:line:col: severity: message` line, the quoted source line and a
    /// caret line, then a note with the hint; every line ends with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        guard let range = diagnostic.range else {
            var text = "\(diagnostic.severity.rawValue): \(diagnostic.message)\n"
            if let hint = diagnostic.hint { text += "note: \(hint)\n" }
            return text
        }
        let place = "\(source.path):\(range.start.line):\(range.start.column)"
        var text = "\(place): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        if let line = source.line(range.start.line) {
            text += line + "\n" + caretLine(under: line, range: range) + "\n"
        }
        if let hint = diagnostic.hint { text += "\(place): note: \(hint)\n" }
        return text
    }

    /// Spaces up to the start column (tabs kept, so the caret lines up), `^`, then `~` under
    /// the rest of the range on that line.
    private func caretLine(under line: String, range: SourceRange) -> String {
        let scalars = Array(line.unicodeScalars)
        let startIndex = max(range.start.column - 1, 0)
        var caret = ""
        for index in 0..<startIndex {
            caret += index < scalars.count && scalars[index] == "\t" ? "\t" : " "
        }
        caret += "^"
        let endColumn = range.end.line == range.start.line ? range.end.column : scalars.count + 1
        let tildes = endColumn - range.start.column - 1
        if tildes > 0 { caret += String(repeating: "~", count: tildes) }
        return caret
    }
}
