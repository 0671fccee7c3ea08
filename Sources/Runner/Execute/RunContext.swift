/// What the runner gives an operation besides its arguments: its seed, a way to report, whether
/// to stop, and for a resumable operation where its snapshots are.
public struct RunContext: Sendable {
    /// The seed to draw all of this call's randomness from: the `seed:` argument if given,
    /// otherwise derived from the notebook seed and the statement's binding.
    public let seed: UInt64
    /// The statement being computed.
    public let statement: StatementInfo
    /// The snapshots of a resumable operation's lineage, and where the runner decided it starts;
    /// nil for other operations and runs without a cache.
    public let snapshots: Snapshots?
    private let observer: (any RunObserver)?
    private let stop: StopRequest?

    /// A resumable call's snapshots and its starting point.
    public struct Snapshots: Sendable {
        /// Where they are kept.
        public let store: SnapshotStore
        /// Where to start; nil to start over (and after `--fresh`).
        public let start: ResumePoint?

        /// Creates the pair.
        public init(store: SnapshotStore, start: ResumePoint?) {
            self.store = store
            self.start = start
        }
    }

    /// Creates a context; tests of operations can pass no observer.
    public init(
        seed: UInt64, statement: StatementInfo, observer: (any RunObserver)?, stop: StopRequest? = nil,
        snapshots: Snapshots? = nil
    ) {
        self.seed = seed
        self.statement = statement
        self.observer = observer
        self.stop = stop
        self.snapshots = snapshots
    }

    /// Starts reporting progress over `total` units named `unit` (`"batch"`, `"image"`).
    public func progress(total: Int, unit: String) -> Progress {
        Progress(statement: statement, total: total, unit: unit, observer: observer)
    }

    /// Reports something the user should know that does not stop the statement.
    public func warn(_ message: String) {
        observer?.receive(.warning(statement, message: message))
    }

    /// Reports that the operation continued from its snapshot after `step` steps.
    public func resumed(from step: Int) {
        observer?.receive(.resumed(statement, fromStep: step))
    }

    /// Whether the user asked the run to stop: a long operation checks it between steps and
    /// throws `Interrupted` when it is set.
    public var stopRequested: Bool {
        stop?.isRequested ?? false
    }
}
