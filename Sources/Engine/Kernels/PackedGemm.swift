#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// nb's own single-threaded sgemm. C is computed in 8 × 32 blocks by `gemmMicroKernel`, which
// reads A where it lies (each element broadcast from memory, row-major or transposed alike) and
// B as 32-column panels: in place when B is row-major, so the panel is B's own rows, and packed
// when B is transposed, through 16 × 16 in-register transposes (`GemmPanels`). The depth is cut
// into blocks of at most `GemmBlocking.maximumDepth` so a panel of B stays in L1 while every
// 8-row block of A passes over it (the inner loops of BLIS, Van Zee & van de Geijn 2015).
//
// It exists because OpenBLAS's kernels are a setting of the machine (OPENBLAS_CORETYPE) while the
// engine is compiled for the CPU it runs on. On the engine's products, one core of the 2-core
// EPYC (Zen 4) VM, the best of 15 rounds of 20 products (GFLOP/s; nb, then OpenBLAS 0.3.21's
// Cooperlake and Haswell kernels): conv 64×441×288 NN 112, 96, 86; its weight gradient
// 64×288×441 NT 104, 93, 99; Winograd 64×128×64 NN 106, 106, 99 and 64×64×128 NT 107, 89, 94;
// MLP 128×192×784 NN 115, 98, 108. Narrow products lose to OpenBLAS, whose kernels have narrower
// tiles (64×20×3136 NT: 50 against 70), so `singleThreadedGemm` leaves those to OpenBLAS
// (`GemmKernel.packedServes`).

/// How deep one pass of `packedGemm` goes: a product up to `maximumDepth` deep in one pass,
/// deeper ones in equal blocks, the later ones adding to C.
struct GemmBlocking {
    /// 384 × 32 floats of B's panel, 48 KB: about L1.
    static let maximumDepth = 384
    let depth: Int

    init(k: Int) {
        let blocks = (k + Self.maximumDepth - 1) / Self.maximumDepth
        depth = (k + blocks - 1) / blocks
    }
}

/// C (m, n) = alpha · op(A) · op(B) + beta · C on this thread, row-major with leading dimensions
/// as `singleThreadedGemm` takes them; beta = 0 overwrites C (a NaN in C does not survive).
func packedGemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
    beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
) {
    guard m > 0, n > 0 else { return }
    if beta != 0 && beta != 1 || k == 0 {
        for i in 0..<m {
            let row = c + i * ldc
            for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
        }
        if k == 0 { return }
    }
    let blocking = GemmBlocking(k: k)
    let panels = GemmPanels.forThisThread()
    let (aRow, aDepth) = transposeA ? (1, lda) : (lda, 1)
    let fullRows = m / GemmTile.rows * GemmTile.rows
    for firstDepth in stride(from: 0, to: k, by: blocking.depth) {
        let depth = min(blocking.depth, k - firstDepth)
        let accumulates = firstDepth > 0 || beta != 0
        let aBlock = a + firstDepth * aDepth
        if fullRows < m {
            panels.packLastRows(aBlock + fullRows * aRow, rows: m - fullRows, aRow: aRow, aDepth: aDepth, depth: depth)
        }
        for column in stride(from: 0, to: n, by: GemmTile.columns) {
            let width = min(GemmTile.columns, n - column)
            let panel: UnsafePointer<Float>, bDepth: Int
            if transposeB || width < GemmTile.columns {
                panels.packB(
                    transposeB: transposeB, b, ldb: ldb, depth: firstDepth..<(firstDepth + depth),
                    columns: column..<(column + width))
                (panel, bDepth) = (UnsafePointer(panels.b), GemmTile.columns)
            } else {
                (panel, bDepth) = (b + firstDepth * ldb + column, ldb)
            }
            for row in stride(from: 0, to: fullRows, by: GemmTile.rows) {
                let target = c + row * ldc + column
                if width == GemmTile.columns {
                    gemmMicroKernel(
                        depth: depth, aBlock + row * aRow, aRow: aRow, aDepth: aDepth, panel, bDepth: bDepth,
                        alpha: alpha, accumulates: accumulates, target, ldc: ldc)
                } else {
                    gemmMicroKernel(
                        depth: depth, aBlock + row * aRow, aRow: aRow, aDepth: aDepth, panel, bDepth: bDepth,
                        alpha: alpha, accumulates: false, panels.tile, ldc: GemmTile.columns)
                    panels.addTile(rows: GemmTile.rows, columns: width, accumulates: accumulates, to: target, ldc: ldc)
                }
            }
            if fullRows < m {
                gemmMicroKernel(
                    depth: depth, panels.a, aRow: 1, aDepth: GemmTile.rows, panel, bDepth: bDepth, alpha: alpha,
                    accumulates: false, panels.tile, ldc: GemmTile.columns)
                panels.addTile(
                    rows: m - fullRows, columns: width, accumulates: accumulates, to: c + fullRows * ldc + column,
                    ldc: ldc)
            }
        }
    }
}
