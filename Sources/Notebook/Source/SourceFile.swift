import Files
import Foundation

/// The text of a notebook's Markdown file, split into lines so diagnostics can quote them.
public struct SourceFile: Sendable {
    /// The path diagnostics print, as the user gave it (`Notebooks/x.md`).
    public let path: String
    /// The whole text.
    public let text: String
    /// The lines without their terminators (`\n`, `\r\n`, or a lone `\r` as old Mac editors
    /// write); the first is line 1.
    public let lines: [String]

    /// Creates a source file from its text, without a leading byte-order mark; `path` is only
    /// used to name it in messages.
    public init(path: String, text: String) {
        self.path = path
        // Editors hide a byte-order mark, so columns count from the character after it.
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        self.text = text
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", afterReturn {
                afterReturn = false
                continue
            }
            afterReturn = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(line))
                line = String.UnicodeScalarView()
            } else {
                line.append(scalar)
            }
        }
        // A final line break ends the last line; it does not start an empty one.
        if !line.isEmpty || lines.isEmpty { lines.append(String(line)) }
        self.lines = lines
    }

    /// Reads the file at `path`, which must be UTF-8 and a regular file (a FIFO would block the run).
    public init(contentsOf path: String) throws(SourceFileError) {
        let data: Data
        do {
            data = try ReadableFile(path: path).readToEnd()
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        try self.init(path: path, data: data)
    }

    /// A source file from the bytes of the file at `path`, which must be UTF-8.
    public init(path: String, data: Data) throws(SourceFileError) {
        guard let text = String(validating: data, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(in: data)
            throw .notUTF8(path: path, byteOffset: offset, byte: offset < data.count ? data[offset] : 0)
        }
        self.init(path: path, text: text)
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(in data: Data) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
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
