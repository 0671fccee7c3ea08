/// A report that could not be written; `description` is the one place its text is written.
public enum ReportError: Error, Hashable, CustomStringConvertible {
    /// A directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A figure's file could not be written; the page shows the figure all the same.
    case figureNotWritten(file: String, reason: String)

    /// The message, saying what failed, where, and what to check.
    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the report directory '\(path)': \(reason); check that the parent exists and is writable"
        case .figureNotWritten(let file, let reason):
            "(its file \(file) could not be written: \(reason); the figure is only on this page)"
        }
    }
}
