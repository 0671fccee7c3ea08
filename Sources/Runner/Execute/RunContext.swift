/// What the runner gives an operation besides its arguments: its seed and a way to report.
public struct RunContext: Sendable {
    /// The seed to draw all of this call's randomness from: the `seed:` argument if given,
    /// otherwise derived from the notebook seed and the statement's binding.
    public let seed: UInt64
    /// The statement being computed.
    public let statement: StatementInfo
    private let observer: (any RunObserver)?

    /// Creates a context; tests of operations can pass no observer.
    public init(seed: UInt64, statement: StatementInfo, observer: (any RunObserver)?) {
        self.seed = seed
        self.statement = statement
        self.observer = observer
    }

    /// Starts reporting progress over `total` units named `unit` (`"batch"`, `"image"`).
    public func progress(total: Int, unit: String) -> Progress {
        Progress(statement: statement, total: total, unit: unit, observer: observer)
    }

    /// Reports something the user should know that does not stop the statement.
    public func warn(_ message: String) {
        observer?.receive(.warning(statement, message: message))
    }
}
