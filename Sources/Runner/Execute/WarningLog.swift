import Foundation

/// Passes events on to the run's observer and keeps each statement's warnings for the run
/// record, whichever thread an operation warns from.
final class WarningLog: RunObserver, @unchecked Sendable {
    // The lock guards `warnings`; hence @unchecked.
    private let lock = NSLock()
    private var warnings: [Int: [String]] = [:]
    private let next: (any RunObserver)?

    /// Creates a log that forwards every event to `next`.
    init(forwardingTo next: (any RunObserver)?) {
        self.next = next
    }

    func receive(_ event: RunEvent) {
        if case .warning(let info?, let message) = event {
            lock.lock()
            warnings[info.index, default: []].append(message)
            lock.unlock()
        }
        next?.receive(event)
    }

    /// The warnings about statement `index`, in the order given.
    func warnings(for index: Int) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return warnings[index] ?? []
    }
}
