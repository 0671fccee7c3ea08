import Synchronization

/// A request to stop a run early (the user pressed Ctrl-C): set from a signal handler, read by
/// the executor between statements and by long operations between steps.
///
/// Setting it is one lock-free atomic store, which is safe inside a signal handler.
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    /// Creates a request that is not set.
    public init() {}

    /// Asks the run to stop at the next step boundary.
    public func request() {
        requested.store(true, ordering: .relaxed)
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool {
        requested.load(ordering: .relaxed)
    }
}

/// Thrown by an operation that stopped because a stop was requested; the statement is marked
/// interrupted, with `kept` saying what was saved (`the snapshot of epoch 8`).
public struct Interrupted: Error, Hashable, Sendable {
    /// Where the operation stopped: `epoch 9, batch 120 of 469`.
    public var at: String
    /// What was kept for the next run, if anything.
    public var kept: String?

    /// Creates the error.
    public init(at: String, kept: String?) {
        self.at = at
        self.kept = kept
    }
}
