/// Splits Markdown lines into prose and `nb` cells, following CommonMark's fence rules.
///
/// A fence is three or more backticks or tildes, indented by at most three spaces; it closes at
/// a line of the same character, at least as long, with nothing else on it. A fence is a cell
/// when the first word of its info string is exactly `nb`.
public enum FenceSplitter {
    /// Splits `lines`, the first of which is line `firstLine` of the file, into blocks; cells are
    /// numbered from `firstCellIndex`.
    public static func split(
        _ lines: ArraySlice<String>, firstLine: Int, firstCellIndex: Int = 0
    ) -> (blocks: [Block], diagnostics: [Diagnostic]) {
        let lines = Array(lines)
        var blocks: [Block] = []
        var diagnostics: [Diagnostic] = []
        var prose: [String] = []
        var proseStart = firstLine
        var cellIndex = firstCellIndex
        var index = 0

        func flushProse() {
            defer { prose = [] }
            guard !prose.isEmpty else { return }
            let lastLength = prose.last?.unicodeScalars.count ?? 0
            let range = SourceRange(
                start: SourceLocation(line: proseStart, column: 1),
                end: SourceLocation(line: proseStart + prose.count - 1, column: lastLength + 1))
            blocks.append(.prose(Prose(text: prose.joined(separator: "\n"), range: range)))
        }

        while index < lines.count {
            let line = lines[index]
            let openLine = firstLine + index
            index += 1
            guard let fence = Fence(opening: line) else {
                if prose.isEmpty { proseStart = openLine }
                prose.append(line)
                continue
            }
            let (body, closingLine) = fenced(by: fence, in: lines, from: &index)
            if closingLine == nil {
                let range = SourceRange(
                    start: SourceLocation(line: openLine, column: fence.indent + 1),
                    end: SourceLocation(line: openLine, column: line.unicodeScalars.count + 1))
                let error = DocumentError.unclosedFence(fence: fence.marker, isCell: fence.isCell)
                diagnostics.append(Diagnostic(error, at: range))
            }
            guard fence.isCell else {
                if prose.isEmpty { proseStart = openLine }
                prose.append(line)
                prose.append(contentsOf: body)
                if let closingLine { prose.append(closingLine) }
                continue
            }
            flushProse()
            let lastLine = closingLine ?? body.last ?? line
            let range = SourceRange(
                start: SourceLocation(line: openLine, column: 1),
                end: SourceLocation(line: firstLine + index - 1, column: lastLine.unicodeScalars.count + 1))
            let code = body.joined(separator: "\n")
            blocks.append(.cell(Cell(index: cellIndex, code: code, codeLine: openLine + 1, range: range)))
            cellIndex += 1
        }
        flushProse()
        return (blocks, diagnostics)
    }

    /// The lines inside `fence` from `index` on, and its closing line (nil when the file ends
    /// first); `index` moves past the closing line.
    private static func fenced(
        by fence: Fence, in lines: [String], from index: inout Int
    ) -> (body: [String], closing: String?) {
        var body: [String] = []
        while index < lines.count {
            let inner = lines[index]
            index += 1
            if fence.isClosed(by: inner) { return (body, inner) }
            body.append(inner)
        }
        return (body, nil)
    }
}

/// An opening code fence: its character, length, indentation and whether it opens a cell.
private struct Fence {
    let character: Character
    let length: Int
    let indent: Int
    let isCell: Bool

    /// The marker as written, for messages: three or more backticks or tildes.
    var marker: String { String(repeating: character, count: length) }

    /// Reads `line` as an opening fence, or nil if it is not one.
    init?(opening line: String) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length)
        // CommonMark: a backtick fence's info string may not contain a backtick.
        if first == "`", info.contains("`") { return nil }
        let firstWord = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first
        self.character = first
        self.length = length
        self.indent = indent
        self.isCell = firstWord == "nb"
    }

    /// Whether `line` closes this fence.
    func isClosed(by line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix { $0 == character }.count
        guard run >= length else { return false }
        return rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
