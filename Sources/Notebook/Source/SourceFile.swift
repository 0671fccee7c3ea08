import Foundation

/// The text of a notebook's Markdown file, split into lines so diagnostics can quote them.
public struct SourceFile: Sendable {
    /// The path diagnostics print, as the user gave it (`Notebooks/x.md`).
    public let path: String
    /// The whole text.
    public let text: String
    /// The lines without their terminators (`\n` or `\r\n`); the first is line 1.
    public let lines: [String]

    /// Creates a source file from its text; `path` is only used to name it in messages.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.last == "\r" ? line.dropLast() : line)
        }
        // A final newline ends the last line; it does not start an empty one.
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// Reads the file at `path` as UTF-8.
    public init(contentsOf path: String) throws {
        let url = URL(fileURLWithPath: path)
        let data = try Data(contentsOf: url)
        self.init(path: path, text: String(decoding: data, as: UTF8.self))
    }

    /// The text of 1-based line `number`, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    /// The text covered by `range`, lines joined with `\n`.
    public func text(in range: SourceRange) -> String {
        var parts: [String] = []
        for number in range.start.line...max(range.start.line, range.end.line) {
            guard let scalars = line(number)?.unicodeScalars.map({ $0 }) else { break }
            let from = number == range.start.line ? range.start.column - 1 : 0
            let to = number == range.end.line ? range.end.column - 1 : scalars.count
            let lower = min(max(from, 0), scalars.count)
            let upper = min(max(to, lower), scalars.count)
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[lower..<upper])
            parts.append(String(piece))
        }
        return parts.joined(separator: "\n")
    }
}
