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
}

/// C = alpha · op(A) · op(B) + beta · C for row-major matrices, through OpenBLAS `cblas_sgemm`.
///
/// Every matrix product in the engine goes through here, so transposes are always spelled out
/// as labels at the call site instead of as leading-dimension arithmetic.
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
    if GemmRecorder.calls != nil {
        GemmRecorder.calls?.append(
            GemmCall(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, accumulates: beta != 0))
    }
    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k),
        alpha,
        a, Int32(transposeA ? m : k),
        b, Int32(transposeB ? k : n),
        beta,
        c, Int32(n)
    )
}
