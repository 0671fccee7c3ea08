/// A problem found in a notebook: how serious, what (with how to fix it), and where.
///
/// A diagnostic is built from an error value (`ScriptError`, `DocumentError`, or a checker's
/// error) whose `description` is the one place its text is written.
public struct Diagnostic: Hashable, Sendable {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Codable {
        /// Stops the notebook from running.
        case error
        /// Reported, but the notebook still runs.
        case warning
    }

    /// Whether this stops the run.
    public var severity: Severity
    /// What is wrong, in one sentence, with how to fix it when that is not plain: "…; did you
    /// mean 'mnist'?". The fix is part of the sentence rather than a note of its own, so every
    /// message is one line wherever it is shown (terminal, report, editor).
    public var message: String
    /// Where in the .md file; nil for problems outside it (a `--set` on the command line).
    public var range: SourceRange?

    /// Creates a diagnostic with the given text.
    public init(_ severity: Severity, _ message: String, at range: SourceRange?) {
        self.severity = severity
        self.message = message
        self.range = range
    }

    /// Creates a diagnostic from an error value, which supplies its severity and text.
    public init(_ problem: some DiagnosticMessage, at range: SourceRange?) {
        self.init(problem.severity, problem.description, at: range)
    }

    /// Whether this stops the run.
    public var isError: Bool { severity == .error }
}

/// An error value that can be reported as a `Diagnostic`: its `description` is the message.
public protocol DiagnosticMessage: CustomStringConvertible, Sendable {
    /// How serious the problem is; errors unless the type says otherwise.
    var severity: Diagnostic.Severity { get }
}

extension DiagnosticMessage {
    /// Problems are errors unless their type says otherwise.
    public var severity: Diagnostic.Severity { .error }
}
