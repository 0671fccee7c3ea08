/// A half-open span of a notebook's Markdown file, from `start` up to (not including) `end`.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first position in the range.
    public var start: SourceLocation
    /// The position just after the range; equal to `start` for an empty range.
    public var end: SourceLocation

    /// Creates the range from `start` up to `end`.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty range at `location`, for problems that point between characters.
    public init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }

    /// The smallest range that covers both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}
