import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Threads that stay alive between passes and run parts of a loop alongside the caller.
///
/// A training step makes a few hundred parallel calls of tens of microseconds each, so a worker
/// spins for a while after each one before it sleeps, and a call allocates nothing: the job is
/// borrowed from the caller's stack for the call's duration, and parts are claimed from one
/// atomic ticket.
///
/// One call runs at a time. A call made while another is running (two notebooks' statements on
/// two threads, say) runs its parts one after another on its own thread, in the same order, so
/// results are the same either way.
final class WorkerPool: @unchecked Sendable {
    /// Shared by the whole engine: `Parallelism.cores − 1` workers plus the calling thread.
    static let shared = WorkerPool(workers: Parallelism.cores - 1)

    /// (generation << 32) | (part count << 16) | next part. A new generation announces a call;
    /// claiming a part is one compare-and-swap, and the generation keeps a late worker from
    /// claiming a part of a later call with a stale view of it.
    private let ticket = Atomic<Int>(0)
    /// Parts of the current call not yet finished.
    private let remaining = Atomic<Int>(0)
    /// Whether a call is in progress.
    private let busy = Atomic<Bool>(false)
    /// Workers asleep, or about to be; a call wakes them only when this is not zero.
    private let sleepers = Atomic<Int>(0)
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wakeUp: UnsafeMutablePointer<pthread_cond_t>
    /// The current call's job (a pointer to the caller's copy) and its type, which knows how to
    /// run one of its parts; valid while `remaining` > 0.
    nonisolated(unsafe) private var job: UnsafeRawPointer?
    nonisolated(unsafe) private var jobType: any PartedJob.Type = NoJob.self

    /// How long a worker spins for the next call before it sleeps: longer than any serial stretch
    /// of a training step, since waking a sleeping worker costs tens of microseconds (at 0.2 ms the
    /// callers' waits for late workers were 3.7% of the MLP's step samples; at 2 ms, 1.3%).
    private static let spinNanoseconds: UInt64 = 2_000_000

    private init(workers: Int) {
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        wakeUp = .allocate(capacity: 1)
        pthread_cond_init(wakeUp, nil)
        for _ in 0..<max(0, workers) { startWorker() }
    }

    /// Runs `job`'s parts 0..<`parts`, each exactly once, across the workers and this thread,
    /// and returns when all have finished.
    func run<Job: PartedJob>(parts: Int, _ job: Job) {
        precondition(parts < 1 << 16, "at most 65,535 parts")
        guard parts > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for part in 0..<parts { job.run(part: part, of: parts) }
            return
        }
        withUnsafePointer(to: job) { job in
            self.job = UnsafeRawPointer(job)
            // The job's type as an existential metatype, not a closure over it: in code the
            // compiler has not specialised for `Job` (the debug build compiles file by file), a
            // closure would capture the type's metadata and allocate on every call.
            jobType = Job.self
            remaining.store(parts, ordering: .relaxed)
            let generation = ((ticket.load(ordering: .relaxed) >> 32) + 1) & 0x7FFF_FFFF
            ticket.store(generation << 32 | parts << 16, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(lock)
                pthread_cond_broadcast(wakeUp)
                pthread_mutex_unlock(lock)
            }
            runClaimedParts()
            var spins = 0
            while remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                // A worker descheduled mid-part needs this core more than the spin does.
                if spins % 4096 == 0 { sched_yield() }
            }
            self.job = nil
        }
        busy.store(false, ordering: .releasing)
    }

    /// Claims and runs parts of the current call until none are left to claim.
    private func runClaimedParts() {
        while true {
            let current = ticket.load(ordering: .acquiring)
            let next = current & 0xFFFF, count = (current >> 16) & 0xFFFF
            guard next < count else { return }
            guard ticket.compareExchange(expected: current, desired: current + 1, ordering: .acquiring).exchanged
            else { continue }
            // The claim succeeded, so the call is still running and `job` is its job.
            if let job { jobType.runPart(job, next, count) }
            remaining.subtract(1, ordering: .releasing)
        }
    }

    private func startWorker() {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<WorkerPool>.fromOpaque(context).takeRetainedValue().work()
            }, context)
        if created == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<WorkerPool>.fromOpaque(context).release()  // the caller's thread does every part
        }
    }

    /// A worker's life: wait for a new generation, help with its parts, repeat.
    private func work() -> Never {
        var seen = ticket.load(ordering: .acquiring) >> 32
        while true {
            waitForCall(after: seen)
            seen = ticket.load(ordering: .acquiring) >> 32
            runClaimedParts()
        }
    }

    /// Spins until the generation moves past `generation`, then sleeps until it does.
    private func waitForCall(after generation: Int) {
        let deadline = monotonicNanoseconds() + Self.spinNanoseconds
        var spins = 0
        while ticket.load(ordering: .acquiring) >> 32 == generation {
            spins += 1
            if spins % 1024 == 0 && monotonicNanoseconds() > deadline {
                pthread_mutex_lock(lock)
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while ticket.load(ordering: .sequentiallyConsistent) >> 32 == generation {
                    pthread_cond_wait(wakeUp, lock)
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(lock)
                return
            }
        }
    }
}

private func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

extension PartedJob {
    /// Runs part `part` of `parts` of the job `job` points to.
    static func runPart(_ job: UnsafeRawPointer, _ part: Int, _ parts: Int) {
        job.assumingMemoryBound(to: Self.self).pointee.run(part: part, of: parts)
    }
}

/// The job type between calls.
private struct NoJob: PartedJob {
    func run(part: Int, of parts: Int) {}
}
