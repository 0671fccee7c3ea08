/// The one API long operations report progress through; the observer turns it into a bar on
/// a terminal or periodic lines in a log.
///
/// ```swift
/// let progress = context.progress(total: batches * epochs, unit: "batch")
/// for … { …; progress.advance(message: "loss 0.142") }
/// ```
public final class Progress: Sendable {
    private let statement: StatementInfo
    private let total: Int
    private let unit: String
    private let observer: (any RunObserver)?
    private let done: Counter

    init(statement: StatementInfo, total: Int, unit: String, observer: (any RunObserver)?) {
        self.statement = statement
        self.total = total
        self.unit = unit
        self.observer = observer
        self.done = Counter()
    }

    /// Records `count` more units done, with an optional short status (`"loss 0.142"`).
    public func advance(by count: Int = 1, message: String? = nil) {
        let done = done.add(count)
        observer?.receive(.progress(statement, done: done, total: total, unit: unit, message: message))
    }
}
