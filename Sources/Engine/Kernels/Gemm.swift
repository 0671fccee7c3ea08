import COpenBLAS

/// One matrix product's shape, as recorded by `GemmRecorder`.
public struct GemmCall: Hashable, Sendable {
    /// Whether A and B were transposed.
    public let transposeA: Bool, transposeB: Bool
    /// op(A) is (m, k), op(B) is (k, n).
    public let m: Int, n: Int, k: Int
    /// Whether C was accumulated into (beta ≠ 0).
    public let accumulates: Bool

    /// Multiply-adds count twice: 2·m·n·k.
    public var flops: Int { 2 * m * n * k }
}

/// Records the shapes of the matrix products made while it is on, so a benchmark can count a
/// step's FLOPs and time the same products alone. Off (nil) everywhere but in `nb-bench`.
public enum GemmRecorder {
    /// The calls recorded since recording started, or nil when off.
    nonisolated(unsafe) public static var calls: [GemmCall]?

    /// Appends `call` when recording is on.
    @inline(__always)
    static func record(_ call: @autoclosure () -> GemmCall) {
        if calls != nil { calls?.append(call()) }
    }
}

/// C = alpha · op(A) · op(B) + beta · C for row-major matrices, by `singleThreadedGemm` on each part.
///
/// Every matrix product in the engine goes through here, so transposes are always spelled out
/// as labels at the call site instead of as leading-dimension arithmetic. A large product is cut
/// into one block of C's rows or columns per core (the longer side, at multiples of 16 so
/// OpenBLAS's tiles stay whole), each a `singleThreadedGemm` on `WorkerPool`, unless a
/// cut would make OpenBLAS allocate (`GemmSplit.parts`). The cut depends only on the shape and the
/// core count, so a result never depends on timing.
///
/// - Shapes: op(A) is (m, k), op(B) is (k, n), C is (m, n). A is stored (m, k), or (k, m) when
///   `transposeA`; B is stored (k, n), or (n, k) when `transposeB`. All are contiguous.
@inline(__always)
public func gemm(
    transposeA: Bool, transposeB: Bool,
    m: Int, n: Int, k: Int,
    alpha: Float = 1,
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
    beta: Float,
    _ c: UnsafeMutablePointer<Float>
) {
    GemmRecorder.record(
        GemmCall(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, accumulates: beta != 0))
    let parts = GemmSplit.parts(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
        cores: Parallelism.cores)  // first use of `cores` turns OpenBLAS's own threads off
    guard parts > 1 else {
        singleThreadedGemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
            a, lda: transposeA ? m : k, b, ldb: transposeB ? k : n, beta: beta, c, ldc: n)
        return
    }
    let product = GemmParts(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, b: b, beta: beta, c: c)
    WorkerPool.shared.run(parts: parts, product)
}

/// One product cut into blocks of C's columns (when n ≥ m) or rows, one per part.
private struct GemmParts: PartedJob {
    let transposeA: Bool, transposeB: Bool
    let m: Int, n: Int, k: Int
    let alpha: Float
    let a: UnsafePointer<Float>, b: UnsafePointer<Float>
    let beta: Float
    let c: UnsafeMutablePointer<Float>

    func run(part: Int, of parts: Int) {
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        if n >= m {
            // Columns start..<start+width of C: B's columns (rows when transposed), same ldb.
            let start = GemmSplit.boundary(part, of: parts, side: n)
            let width = GemmSplit.boundary(part + 1, of: parts, side: n) - start
            let bPart = transposeB ? b + start * ldb : b + start
            singleThreadedGemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: width, k: k, alpha: alpha,
                a, lda: lda, bPart, ldb: ldb, beta: beta, c + start, ldc: n)
        } else {
            // Rows start..<start+width of C: A's rows (columns when transposed), same lda.
            let start = GemmSplit.boundary(part, of: parts, side: m)
            let width = GemmSplit.boundary(part + 1, of: parts, side: m) - start
            let aPart = transposeA ? a + start : a + start * lda
            singleThreadedGemm(
                transposeA: transposeA, transposeB: transposeB, m: width, n: n, k: k, alpha: alpha,
                aPart, lda: lda, b, ldb: ldb, beta: beta, c + start * n, ldc: n)
        }
    }
}

/// How `gemm` cuts a product across cores.
enum GemmSplit {
    /// Below m·n·k = 2¹⁸ (half a MFLOP, about 10 µs on one core) a product stays whole.
    static let minimumVolume = 1 << 18
    /// Cuts fall on multiples of this, OpenBLAS's widest micro-kernel tile.
    static let tile = 16

    /// How many blocks `gemm` cuts a product into: one per core along the longer side, none
    /// below `minimumVolume`, and none where `cutWouldAllocate`.
    static func parts(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, cores: Int) -> Int {
        let parts = m * n * k < minimumVolume ? 1 : min(cores, max(m, n) / tile)
        let allocates = cutWouldAllocate(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, parts: parts)
        return allocates ? 1 : parts
    }

    /// OpenBLAS 0.3.21's AVX-512 small-matrix kernel serves untransposed products of at most
    /// 10⁶ multiply-adds, and when C's width n leaves 1–8 columns past a multiple of 16 with
    /// k ≥ 32 it mallocs a copy of B's last columns on every call. A product above that limit
    /// stays whole rather than be cut into parts under it: the MLP's decoder input gradient,
    /// 128 × 20 × 400, costs a few microseconds more on one core and no allocation per step.
    static func cutWouldAllocate(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, parts: Int) -> Bool {
        let smallKernelLimit = 1_000_000
        guard parts > 1, !transposeA, !transposeB, k >= 32, m * n * k > smallKernelLimit else { return false }
        for part in 0..<parts {
            let cut = boundary(part + 1, of: parts, side: max(m, n)) - boundary(part, of: parts, side: max(m, n))
            let (rows, width) = n >= m ? (m, cut) : (cut, n)
            if (1...8).contains(width % 16) && rows * width * k <= smallKernelLimit { return true }
        }
        return false
    }

    /// Where part `index` of `parts` starts along a side of `side` elements.
    @inline(__always)
    static func boundary(_ index: Int, of parts: Int, side: Int) -> Int {
        index == parts ? side : index * side / parts / tile * tile
    }
}

/// C = op(A) · op(B) + beta · C as one `cblas_sgemm` over the whole product, run by OpenBLAS's
/// own `threads` threads rather than cut into per-core blocks as `gemm` does; for `nb-bench`,
/// which compares the two on a step's products. The engine itself never calls it.
public func openBLASThreadedGemm(
    threads: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, beta: Float, _ c: UnsafeMutablePointer<Float>
) {
    openblas_set_num_threads(Int32(threads))
    defer { openblas_set_num_threads(1) }
    openBLASGemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a, lda: transposeA ? m : k, b,
        ldb: transposeB ? k : n, beta: beta, c, ldc: n)
}

/// Which code computes the engine's matrix products. `nb-bench --gemm` switches it, so both can
/// be timed on the same shapes in one process.
public enum GemmKernel: String, Sendable, CaseIterable {
    /// nb's own 8 × 32 micro-kernel (`packedGemm`) for every product it serves faster
    /// (`packedServes`), OpenBLAS for the rest.
    case packed
    /// OpenBLAS's `cblas_sgemm`, with the kernels OpenBLAS picked (OPENBLAS_CORETYPE).
    case openBLAS = "openblas"

    /// The kernel every product uses. Set only before training starts, never during a step.
    nonisolated(unsafe) public static var current = GemmKernel.packed

    /// Whether `packedGemm` takes a product of C (m, n): at least one whole 32-column panel and
    /// two 8-row blocks. Narrower products waste most of the micro-kernel's zero-padded tile
    /// (64 × 20 × 3136 NT ran at 50 GFLOP/s against OpenBLAS's 70; 9 × 5292 × 32 TN at 51
    /// against 53–57).
    static func packedServes(m: Int, n: Int) -> Bool { n >= GemmTile.columns && m >= 2 * GemmTile.rows }
}

/// C = alpha · op(A) · op(B) + beta · C on row-major matrices with explicit leading dimensions,
/// on this thread alone, by `GemmKernel.current`.
///
/// The leading dimensions are the row strides of A, B and C as stored, so a call can work on a
/// block of a larger matrix; every argument is labelled so no call site reads as 13 positions.
@inline(__always)
func singleThreadedGemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
) {
    if GemmKernel.current == .packed && GemmKernel.packedServes(m: m, n: n) {
        packedGemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b, ldb: ldb,
            beta: beta, c, ldc: ldc)
    } else {
        openBLASGemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b, ldb: ldb,
            beta: beta, c, ldc: ldc)
    }
}

/// `cblas_sgemm` on row-major matrices with explicit leading dimensions.
@inline(__always)
func openBLASGemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
) {
    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k),
        alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}
