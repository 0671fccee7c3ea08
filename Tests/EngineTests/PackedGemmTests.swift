import Testing

@testable import Engine

/// nb's own sgemm against the definition, in Double: every transpose, alpha and beta, and shapes
/// that leave tails in each of its loops: rows past a multiple of the 8-row tile, columns past a
/// multiple of the 32-column tile, depth past `GemmBlocking.maximumDepth` (two depth blocks, the
/// second accumulating), more columns than one packed block of B holds, and leading dimensions
/// wider than the matrices (a block of a larger one, as the engine's callers pass).
struct PackedGemmCase: CustomTestStringConvertible, Sendable {
    let transposeA: Bool, transposeB: Bool
    let m: Int, n: Int, k: Int
    let alpha: Float, beta: Float
    /// Extra floats at the end of every row of A, B and C as stored.
    var padding = 0
    var testDescription: String {
        "\(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B") \(m)×\(n)×\(k) alpha \(alpha) beta \(beta)"
            + (padding > 0 ? " rows padded by \(padding)" : "")
    }
}

let packedProducts: [PackedGemmCase] = [false, true].flatMap { transposeA in
    [false, true].flatMap { transposeB in
        [
            PackedGemmCase(transposeA: transposeA, transposeB: transposeB, m: 1, n: 1, k: 1, alpha: 1, beta: 0),
            PackedGemmCase(transposeA: transposeA, transposeB: transposeB, m: 8, n: 32, k: 7, alpha: 1, beta: 0),
            PackedGemmCase(transposeA: transposeA, transposeB: transposeB, m: 13, n: 45, k: 29, alpha: 0.5, beta: 1),
            PackedGemmCase(transposeA: transposeA, transposeB: transposeB, m: 64, n: 95, k: 288, alpha: 1, beta: 0),
            PackedGemmCase(transposeA: transposeA, transposeB: transposeB, m: 23, n: 17, k: 401, alpha: 1, beta: 1),
            PackedGemmCase(transposeA: transposeA, transposeB: transposeB, m: 9, n: 700, k: 200, alpha: 2, beta: 0.25),
            PackedGemmCase(
                transposeA: transposeA, transposeB: transposeB, m: 20, n: 33, k: 40, alpha: 1, beta: 1, padding: 5),
        ]
    }
}

/// Deterministic operands in [−1, 1) with a varied pattern.
private func operand(_ count: Int, seed: Int) -> [Float] {
    (0..<count).map { Float(($0 * 7_919 + seed * 104_729) % 2_000) / 1_000 - 1 }
}

/// (rows, columns) of each operand as stored, before padding.
private func storedShapes(_ p: PackedGemmCase) -> (a: (Int, Int), b: (Int, Int), c: (Int, Int)) {
    (p.transposeA ? (p.k, p.m) : (p.m, p.k), p.transposeB ? (p.n, p.k) : (p.k, p.n), (p.m, p.n))
}

@Test(arguments: packedProducts)
func packedGemmMatchesTheDefinition(_ p: PackedGemmCase) {
    let shapes = storedShapes(p)
    let lda = shapes.a.1 + p.padding, ldb = shapes.b.1 + p.padding, ldc = shapes.c.1 + p.padding
    let a = operand(shapes.a.0 * lda, seed: 1), b = operand(shapes.b.0 * ldb, seed: 2)
    var c = operand(shapes.c.0 * ldc, seed: 3)
    var expected = c
    for i in 0..<p.m {
        for j in 0..<p.n {
            var sum = 0.0
            for l in 0..<p.k {
                let x = p.transposeA ? a[l * lda + i] : a[i * lda + l]
                let y = p.transposeB ? b[j * ldb + l] : b[l * ldb + j]
                sum += Double(x) * Double(y)
            }
            expected[i * ldc + j] = Float(Double(p.alpha) * sum + Double(p.beta) * Double(c[i * ldc + j]))
        }
    }
    packedGemm(
        transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k, alpha: p.alpha, a, lda: lda, b,
        ldb: ldb, beta: p.beta, &c, ldc: ldc)
    let worst = zip(c, expected).map { abs($0 - $1) }.max() ?? 0
    // Depth 401 sums 401 products of magnitude < 1 in Float: well under 1e-3.
    #expect(worst < 1e-3 * Float(max(1, p.k / 100)), "largest difference \(worst)")
    for i in 0..<p.m {
        for j in p.n..<ldc { #expect(c[i * ldc + j] == expected[i * ldc + j], "padding at row \(i), column \(j)") }
    }
}

/// beta = 0 overwrites C, as BLAS defines it: a NaN left in a reused buffer does not survive.
@Test func packedGemmWithBetaZeroOverwritesNaN() {
    let a = operand(10 * 12, seed: 4), b = operand(12 * 40, seed: 5)
    var c = [Float](repeating: .nan, count: 10 * 40)
    packedGemm(
        transposeA: false, transposeB: false, m: 10, n: 40, k: 12, alpha: 1, a, lda: 12, b, ldb: 40, beta: 0, &c,
        ldc: 40)
    #expect(c.allSatisfy { $0.isFinite })
}

/// Depth 0 leaves beta · C, and a product with no rows or columns touches nothing.
@Test func packedGemmOfDepthZeroScalesC() {
    let empty: [Float] = [0]
    var c: [Float] = [1, 2, 3, 4]
    packedGemm(
        transposeA: false, transposeB: false, m: 2, n: 2, k: 0, alpha: 1, empty, lda: 1, empty, ldb: 2, beta: 0.5,
        &c, ldc: 2)
    #expect(c == [0.5, 1, 1.5, 2])
    packedGemm(
        transposeA: false, transposeB: false, m: 0, n: 2, k: 3, alpha: 1, empty, lda: 3, empty, ldb: 2, beta: 0,
        &c, ldc: 2)
    #expect(c == [0.5, 1, 1.5, 2])
}
