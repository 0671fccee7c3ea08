import Dispatch
import Testing

@testable import Engine

/// One product for the table below: op(A) (m, k) · op(B) (k, n), accumulated when `beta` is 1.
struct GemmCase: CustomTestStringConvertible, Sendable {
    let transposeA: Bool, transposeB: Bool
    let m: Int, n: Int, k: Int
    let beta: Float
    var testDescription: String {
        "\(transposeA ? "Aᵀ" : "A")·\(transposeB ? "Bᵀ" : "B") \(m)×\(n)×\(k) beta \(beta)"
    }
}

/// Large enough for `gemm` to cut them across cores: wide ones by columns, tall ones by rows, and
/// sides that are not multiples of the 16-column tile.
let cutProducts: [GemmCase] = [false, true].flatMap { transposeA in
    [false, true].flatMap { transposeB in
        [
            GemmCase(transposeA: transposeA, transposeB: transposeB, m: 37, n: 300, k: 50, beta: 0),
            GemmCase(transposeA: transposeA, transposeB: transposeB, m: 301, n: 40, k: 33, beta: 1),
        ]
    }
}

/// Deterministic operands in [−1, 1) with a varied pattern.
private func operand(_ count: Int, seed: Int) -> [Float] {
    (0..<count).map { Float(($0 * 7_919 + seed * 104_729) % 2_000) / 1_000 - 1 }
}

/// C = alpha · op(A) · op(B) + beta · C, by definition, in Double.
private func naiveProduct(_ p: GemmCase, alpha: Float, _ a: [Float], _ b: [Float], _ c: [Float]) -> [Float] {
    var result = c
    for i in 0..<p.m {
        for j in 0..<p.n {
            var sum = 0.0
            for l in 0..<p.k {
                let x = p.transposeA ? a[l * p.m + i] : a[i * p.k + l]
                let y = p.transposeB ? b[j * p.k + l] : b[l * p.n + j]
                sum += Double(x) * Double(y)
            }
            result[i * p.n + j] = Float(Double(alpha) * sum + Double(p.beta) * Double(c[i * p.n + j]))
        }
    }
    return result
}

/// `gemm` through the engine (cut across cores), on fresh copies of the operands.
private func engineProduct(_ p: GemmCase, alpha: Float, _ a: [Float], _ b: [Float], _ c: [Float]) -> [Float] {
    var result = c
    gemm(
        transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k, alpha: alpha,
        a, b, beta: p.beta, &result)
    return result
}

/// Every element of a cut product is one whole sum over k, so it matches the definition, and
/// a part run twice (C accumulated twice when beta is 1) or skipped (left as it was) shows.
@Test(arguments: cutProducts)
func cutProductsMatchTheDefinition(_ p: GemmCase) {
    let a = operand(p.m * p.k, seed: 1), b = operand(p.k * p.n, seed: 2), c = operand(p.m * p.n, seed: 3)
    let expected = naiveProduct(p, alpha: 0.5, a, b, c)
    let actual = engineProduct(p, alpha: 0.5, a, b, c)
    let worst = zip(actual, expected).map { abs($0 - $1) }.max() ?? 0
    #expect(worst < 1e-4, "largest difference \(worst)")
}

/// OpenBLAS 0.3.21's AVX-512 small kernel mallocs on every call for an untransposed part of at
/// most 10⁶ multiply-adds whose width leaves 1–8 columns past a multiple of 16 (k ≥ 32), so a
/// product above that limit is not cut into such parts.
@Test(arguments: [
    (false, false, 128, 20, 400, 2, true),  // the MLP decoder's input gradient, cut by rows
    (false, false, 20, 1_000, 60, 2, true),  // cut by columns: the last part is 504 wide
    (false, true, 128, 20, 400, 2, false),  // Bᵀ: OpenBLAS's NT kernel copies nothing
    (true, false, 128, 20, 400, 2, false),  // Aᵀ: nor does its TN kernel
    (false, false, 128, 32, 400, 2, false),  // a width of whole 16-column tiles
    (false, false, 128, 25, 400, 2, false),  // 9 columns past 16 take masked loads instead
    (false, false, 128, 20, 31, 2, false),  // k < 32
    (false, false, 64, 20, 400, 2, false),  // under the limit whole: it allocates cut or not
    (false, false, 2_000, 20, 400, 2, false),  // parts above the limit take the packed path
    (false, false, 128, 20, 400, 1, false),  // not cut
])
func productsStayWholeWhereCuttingWouldAllocate(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, parts: Int, staysWhole: Bool
) {
    #expect(
        GemmSplit.cutWouldAllocate(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, parts: parts)
            == staysWhole)
}

/// `gemm` cuts a large product once per core along its longer side, keeps small ones whole, and
/// keeps whole the products that `cutWouldAllocate` names.
@Test(arguments: [
    (false, false, 128, 20, 400, 1),  // would allocate when cut
    (false, true, 128, 20, 400, 2),  // the MLP heads' forward: NT, cut by rows
    (false, false, 128, 400, 400, 2),
    (false, false, 16, 16, 16, 1),  // below the minimum volume
    (false, false, 16, 20_000, 400, 2),  // cut by columns
])
func gemmCutsWhereNothingAllocates(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, parts: Int) {
    #expect(GemmSplit.parts(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, cores: 2) == parts)
}

/// Calls from several threads at once share the worker pool: one gets it, the others run the
/// same parts one after another on their own threads, so every result is bit for bit the one a
/// lone call gives.
@Test func productsFromManyThreadsAtOnceAreAllRight() {
    let p = GemmCase(transposeA: false, transposeB: true, m: 64, n: 400, k: 120, beta: 0)
    let a = operand(p.m * p.k, seed: 7), b = operand(p.k * p.n, seed: 8), c = [Float](repeating: 0, count: p.m * p.n)
    let expected = engineProduct(p, alpha: 1, a, b, c)
    let callers = 8
    let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: callers)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: callers) { caller in
        var same = true
        for _ in 0..<20 { same = same && engineProduct(p, alpha: 1, a, b, c) == expected }
        slots[caller] = same
    }
    #expect(results.allSatisfy { $0 })
}
