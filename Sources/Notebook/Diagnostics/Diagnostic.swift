/// A problem found in a notebook: how serious, what, where, and how to fix it.
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
    /// What is wrong, in one sentence.
    public var message: String
    /// Where in the .md file; nil for problems outside it (a `--set` on the command line).
    public var range: SourceRange?
    /// How to fix it, when the message alone does not say.
    public var hint: String?

    /// Creates a diagnostic with the given text.
    public init(_ severity: Severity, _ message: String, at range: SourceRange?, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.hint = hint
    }

    /// Creates a diagnostic from an error value, which supplies its severity, text and hint.
    public init(_ problem: some DiagnosticMessage, at range: SourceRange?) {
        self.init(problem.severity, problem.description, at: range, hint: problem.hint)
    }

    /// Whether this stops the run.
    public var isError: Bool { severity == .error }
}

/// An error value that can be reported as a `Diagnostic`: its `description` is the message.
public protocol DiagnosticMessage: CustomStringConvertible, Sendable {
    /// How serious the problem is; errors unless the type says otherwise.
    var severity: Diagnostic.Severity { get }
    /// How to fix it, when the message alone does not say.
    var hint: String? { get }
}

extension DiagnosticMessage {
    /// Problems are errors unless their type says otherwise.
    public var severity: Diagnostic.Severity { .error }
    /// No hint unless the type gives one.
    public var hint: String? { nil }
}
