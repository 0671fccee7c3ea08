/// What an operation's precheck knows of a displayed value before anything runs (a model's
/// summary, computed from shapes alone): the checker hands it on, so `nb --check` shows it, and
/// shows it even when other statements have errors.
public protocol PreviewFact: Sendable {
    /// The value as the report would show it.
    var preview: DisplayValue { get }
}

/// A displayed statement whose value is known before anything runs.
public struct CheckPreview: Sendable, Equatable {
    /// The statement's line in the .md file.
    public let line: Int
    /// The statement's source text.
    public let source: String
    /// Its value.
    public let display: DisplayValue
}
