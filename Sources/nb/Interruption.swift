import Runner
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C: the first stops the run at the next batch, keeping what finished (the run record and
/// the report are written, and nb exits 130); a second exits at once.
enum Interruption {
    /// What the executor and long operations read.
    static let request = StopRequest()
    private static let count = Atomic<Int>(0)
    private static let message = Array(NBMessage.stopping.description.utf8)

    /// Installs the SIGINT handler. The handler only touches an atomic counter, the stop request
    /// (an atomic store) and write(2), which are safe in a signal handler.
    static func install() {
        _ = request
        _ = message.count
        _ = count.load(ordering: .relaxed)
        // A parent may have blocked SIGINT (a test runner, a CI shell); Ctrl-C must still reach us.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        sigprocmask(SIG_UNBLOCK, &blocked, nil)
        signal(SIGINT) { _ in
            if Interruption.count.add(1, ordering: .relaxed).newValue > 1 { _exit(130) }
            Interruption.request.request()
            Interruption.message.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
        }
    }
}
