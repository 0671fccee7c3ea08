import Notebook

/// Something that happened during a run, for an observer to show (nbclient's hooks): the
/// runner itself never prints.
public enum RunEvent: Sendable {
    /// A statement began computing.
    case statementStarted(StatementInfo)
    /// A long operation made progress: `done` of `total` `unit`s (total 0 when unknown).
    case progress(StatementInfo, done: Int, total: Int, unit: String, message: String?)
    /// A statement finished: ran, cached, failed, skipped or interrupted, in `seconds`; `reason`
    /// says why it ran, `resumedFrom` after how many steps it continued, and `message` why it
    /// failed, was skipped or was interrupted.
    case statementFinished(
        StatementInfo, status: StatementStatus, seconds: Double, reason: RunReason?, resumedFrom: Int?,
        message: String?)
    /// A long operation measured `value` of the series `series` at `step` (a training's loss at
    /// epoch 2.5), for a live curve; the terminal ignores it.
    case metric(StatementInfo, series: String, step: Double, value: Double)
    /// A resumable statement continued from its snapshot after `fromStep` steps.
    case resumed(StatementInfo, fromStep: Int)
    /// Something worth telling that does not stop the run (an unreadable cache entry).
    case warning(StatementInfo?, message: String)
}

/// Which statement an event is about.
public struct StatementInfo: Hashable, Sendable {
    /// Its number in document order, from 0.
    public var index: Int
    /// Its position in the .md file.
    public var range: SourceRange
    /// Its source text.
    public var source: String
    /// The name it binds, if any.
    public var binding: String?
    /// Which point of its sweep it computes (`beta=4.0, seed=2`), for a member of a lifted statement.
    public var member: String?

    /// Creates statement information.
    public init(index: Int, range: SourceRange, source: String, binding: String?, member: String? = nil) {
        self.index = index
        self.range = range
        self.source = source
        self.binding = binding
        self.member = member
    }
}

/// Receives a run's events, in order, on the thread the run or an operation reports from.
public protocol RunObserver: Sendable {
    /// Handles one event.
    func receive(_ event: RunEvent)
}
