import COpenBLAS

/// A pass over `0..<count` whose ranges write disjoint memory, so they can run on different cores.
///
/// Passes are small structs holding their pointers rather than closures: handing a closure to
/// another thread means making it escaping, which allocates on every call, and a training step
/// makes hundreds of such calls.
protocol RangeLoop {
    /// Runs the pass over `range`.
    func run(_ range: Range<Int>)
}

/// Work cut into numbered parts that write disjoint memory; `WorkerPool` runs the parts.
protocol PartedJob {
    /// Runs part `part` of `parts`.
    func run(part: Int, of parts: Int)
}

/// Runs `loop` over `0..<count` split into one contiguous range per core, when the loop touches
/// enough memory (`work` elements) to pay for waking the other cores; otherwise on this thread.
///
/// Ranges are fixed by `count` and the core count alone, so results never depend on timing.
@inline(__always)
func parallelRanges<Loop: RangeLoop>(_ count: Int, work: Int, _ loop: Loop) {
    let parts = Parallelism.parts(count, work: work)
    guard parts > 1 else {
        loop.run(0..<count)
        return
    }
    WorkerPool.shared.run(parts: parts, RangeParts(loop: loop, count: count))
}

/// A pass over `0..<count` that also adds something up, such as a loss.
protocol SumLoop {
    /// Runs the pass over `range` and returns the range's total.
    func run(_ range: Range<Int>) -> Double
}

/// Runs `loop` over `0..<count` in ranges as `parallelRanges` does, and returns the sum of the
/// ranges' totals, added in range order so the result never depends on timing.
@inline(__always)
func parallelSum<Loop: SumLoop>(_ count: Int, work: Int, _ loop: Loop) -> Double {
    let parts = Parallelism.parts(count, work: work)
    guard parts > 1 else { return loop.run(0..<count) }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: parts) { totals in
        guard let start = totals.baseAddress else { return loop.run(0..<count) }
        WorkerPool.shared.run(parts: parts, SumParts(loop: loop, count: count, totals: start))
        return totals.reduce(0, +)
    }
}

/// A `SumLoop` seen as parts, each writing its total to its own slot.
private struct SumParts<Loop: SumLoop>: PartedJob {
    let loop: Loop
    let count: Int
    let totals: UnsafeMutablePointer<Double>

    func run(part: Int, of parts: Int) {
        totals[part] = loop.run(partRange(part, of: parts, count: count))
    }
}

/// A `RangeLoop` seen as parts.
private struct RangeParts<Loop: RangeLoop>: PartedJob {
    let loop: Loop
    let count: Int

    func run(part: Int, of parts: Int) {
        loop.run(partRange(part, of: parts, count: count))
    }
}

/// How many cores the engine uses, and how much work makes splitting a pass worth it.
public enum Parallelism {
    /// The threads OpenBLAS would have used (its `OPENBLAS_NUM_THREADS`, else the online
    /// processors), at most 8. Reading it also turns OpenBLAS's own threading off, once: the
    /// engine splits every product itself (see `gemm`), so one set of threads serves the matrix
    /// products and the passes between them, instead of two sets spinning against each other.
    public static let cores: Int = {
        let threads = Int(openblas_get_num_threads())
        openblas_set_num_threads(1)
        return max(1, min(8, threads))
    }()
    /// Below this many elements a pass runs on one core: waking another costs about a microsecond
    /// when it is spinning and tens when it sleeps.
    static let minimumWork = 32_768

    /// How many ranges a pass over `count` items touching `work` elements splits into.
    @inline(__always)
    static func parts(_ count: Int, work: Int) -> Int {
        min(cores, count, max(1, work / minimumWork))
    }
}

/// Part `part` of `parts` of `0..<count`: `(part·count / parts)..<((part + 1)·count / parts)`.
@inline(__always)
func partRange(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
    (part * count / parts)..<((part + 1) * count / parts)
}
