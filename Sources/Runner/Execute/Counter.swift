import Foundation

/// An integer that threads may add to, for progress reported from parallel work.
final class Counter: @unchecked Sendable {
    // The lock guards `value`; hence @unchecked.
    private let lock = NSLock()
    private var value = 0

    /// Adds `amount` and returns the new total.
    func add(_ amount: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += amount
        return value
    }
}
