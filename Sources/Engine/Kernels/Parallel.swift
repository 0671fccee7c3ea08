import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `body` over `0..<count` split into one contiguous range per core, when the loop touches
/// enough memory (`work` elements) to pay for waking the other cores; otherwise on this thread.
///
/// OpenBLAS parallelises the matrix products but leaves everything between them (im2col, col2im,
/// activations, the optimiser) to one core, while its own threads wait; this spreads those passes
/// too. Ranges are fixed by `count` and the core count alone, so results never depend on timing.
@inline(__always)
func parallelRanges(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
    let chunks = min(Parallelism.cores, count, max(1, work / Parallelism.minimumWork))
    guard chunks > 1 else {
        body(0..<count)
        return
    }
    withoutActuallyEscaping(body) { body in
        // Each chunk writes only its own range, so sharing the loop body across threads is safe.
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            body((chunk * count / chunks)..<((chunk + 1) * count / chunks))
        }
    }
}

/// How many cores element-wise passes use, and how much work makes splitting worth it.
enum Parallelism {
    /// The online processors, at most 8.
    static let cores = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    /// Below this many elements a pass runs on one core: waking another costs about 10 µs.
    static let minimumWork = 32_768
}
