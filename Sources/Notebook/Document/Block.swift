/// A part of a notebook: document text the report renders, or a cell that runs.
public enum Block: Hashable, Sendable {
    /// Prose, headings, images, tables and non-`nb` fenced blocks, as Markdown text.
    case prose(Prose)
    /// A fenced block whose info string is `nb`.
    case cell(Cell)
}

/// A stretch of Markdown between cells, rendered by the report as it is.
public struct Prose: Hashable, Sendable {
    /// The Markdown text, lines joined with `\n`.
    public var text: String
    /// The lines it covers.
    public var range: SourceRange

    /// Creates a prose block.
    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// A fenced `nb` block: statements that run.
public struct Cell: Hashable, Sendable {
    /// The cell's number in the document, counting from 0.
    public var index: Int
    /// The code between the fences, lines joined with `\n`, indentation kept so columns match
    /// the .md file.
    public var code: String
    /// The .md line of the code's first line (the line after the opening fence).
    public var codeLine: Int
    /// From the opening fence to the end of the closing fence.
    public var range: SourceRange

    /// Creates a cell.
    public init(index: Int, code: String, codeLine: Int, range: SourceRange) {
        self.index = index
        self.code = code
        self.codeLine = codeLine
        self.range = range
    }
}
