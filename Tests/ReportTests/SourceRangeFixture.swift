import Notebook

/// Source ranges for hand-made records.
enum SourceRangeFixture {
    /// The first two columns of `line`.
    static func line(_ line: Int) -> SourceRange {
        SourceRange(start: SourceLocation(line: line, column: 1), end: SourceLocation(line: line, column: 3))
    }
}
