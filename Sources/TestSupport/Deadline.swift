import Foundation

/// What `finishes(within:unblocking:_:)` saw of a body run on another thread.
private final class Outcome: @unchecked Sendable {
    // Written once by the body's thread before it signals; read only after the signal.
    var result: Result<Void, any Error>?
}

/// The outcome of `body` run on another thread, or nil when it is still running after `seconds`:
/// for tests of reads that used to never return (a FIFO, `/dev/zero`), which fail rather than
/// hang. A reader stuck opening the FIFO at `fifo` is then released by opening it for writing,
/// so a failing test does not leave a blocked thread behind.
public func finishes(
    within seconds: Double, unblocking fifo: String? = nil, _ body: @escaping @Sendable () throws -> Void
) -> Result<Void, any Error>? {
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        outcome.result = Result { try body() }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else {
        if let fifo {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }
        return nil
    }
    return outcome.result
}

extension Result where Success == Void, Failure == any Error {
    /// The error thrown, if any, as `type`: for comparing with an expected error.
    public func failure<Expected: Error>(as type: Expected.Type) -> Expected? {
        if case .failure(let error) = self { return error as? Expected }
        return nil
    }
}
