import COpenBLAS

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
