// The weight gradient of a Winograd F(2×2, 3×3) convolution, itself computed in Winograd's domain.
//
// Forward, each 2×2 output block is Y = Aᵀ [U ⊙ V] A with U = G w Gᵀ and V = Bᵀ d B. Running
// that backwards, the gradient reaching the element-wise product is A dY Aᵀ, the kernels'
// transformed gradient is dU[ξ][o][c] = Σ_(tile, image) (A dY Aᵀ)[ξ][o] · V[ξ][c], sixteen
// products again, and dw = Gᵀ dU G. On 7×7 planes that is 256 multiply-adds per channel pair
// and image instead of 441, with no im2col and no channel-major copy of dy.

/// gradWeight (m, k, 3, 3) += ∂L/∂w of output = Σ_c w[o][c] ⋆ image[n][c], from
/// gradOutput = ∂L/∂output.
///
/// - Shapes: image (N, k, H, W) with geometry `g` (`g.isWinograd3x3`, `g.channels` = k);
///   gradOutput (N, m, H, W). `scratch` is resized to every core's tiles and partial sums.
func winogradWeightGradient(
    image: UnsafePointer<Float>, _ g: WindowGeometry, gradOutput: UnsafePointer<Float>, outputChannels m: Int,
    gradWeight: UnsafeMutablePointer<Float>, scratch: inout Tensor?
) {
    // Counted as the direct product it replaces, so GFLOP/s compare with the im2col lowering.
    GemmRecorder.record(GemmCall(transposeA: false, transposeB: true, m: m, n: g.rows, k: g.columns, accumulates: true))
    let tiles = WinogradTiles(g, inputChannels: g.channels, outputChannels: m)
    let groups = (g.batch + WinogradTiles.lanes - 1) / WinogradTiles.lanes
    // An empty batch adds nothing, and has no part whose memory could start the sums.
    guard groups > 0 else { return }
    let parts = min(Parallelism.cores, groups)
    let perPart = tiles.transformedKernels + tiles.perPart
    let memory = Tensor.reusing(scratch, shape: Shape(parts, perPart))
    scratch = memory
    WorkerPool.shared.run(
        parts: parts,
        WinogradWeightGradientJob(
            image: image, gradOutput: gradOutput, tiles: tiles, groups: groups, batch: g.batch, memory: memory.data,
            perPart: perPart))
    // Each part's dU starts its memory; they are added in part order, so sums never depend on timing.
    for part in 1..<parts {
        addVector(memory.data + part * perPart, into: memory.data, count: tiles.transformedKernels)
    }
    parallelRanges(
        m, work: 16 * m * g.channels,
        WinogradKernelGradient(gradient: memory.data, m: m, k: g.channels, gradWeight: gradWeight))
}

/// One core's groups of images: their tiles V and transformed gradients A dY Aᵀ, multiplied into
/// the core's dU.
private struct WinogradWeightGradientJob: PartedJob {
    let image: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, tiles: WinogradTiles, groups: Int, batch: Int
    let memory: UnsafeMutablePointer<Float>, perPart: Int

    func run(part: Int, of parts: Int) {
        let t = tiles, lanes = WinogradTiles.lanes, width = t.laneColumns
        let gradient = memory + part * perPart
        let padded = gradient + t.transformedKernels
        let inputTiles = padded + t.padded
        let productTiles = inputTiles + t.inputTiles
        let ours = partRange(part, of: parts, count: groups)
        for group in ours {
            let first = group * lanes, count = min(lanes, batch - first)
            t.pad(image, images: first..<(first + count), into: padded)
            t.transformInput(padded, into: inputTiles)
            t.transformGradient(gradOutput, images: first..<(first + count), into: productTiles)
            // The core's first group starts its sums rather than adding to them.
            let beta: Float = group == ours.lowerBound ? 0 : 1
            for xi in 0..<16 {
                singleThreadedGemm(
                    transposeA: false, transposeB: true, m: t.m, n: t.k, k: width,
                    productTiles + xi * t.productStep, lda: width, inputTiles + xi * t.inputStep, ldb: width,
                    beta: beta, gradient + xi * t.m * t.k, ldc: t.k)
            }
        }
    }

}

/// gradWeight[o][c] += Gᵀ dU[·][o][c] G for the output channels in the range, with
/// Gᵀ = [1 ½ ½ 0; 0 ½ −½ 0; 0 ½ ½ 1]: the transpose of the kernel transform.
private struct WinogradKernelGradient: RangeLoop {
    let gradient: UnsafePointer<Float>, m: Int, k: Int, gradWeight: UnsafeMutablePointer<Float>

    func run(_ outputs: Range<Int>) {
        let step = m * k
        for o in outputs {
            for c in 0..<k {
                let u = gradient + o * k + c
                @inline(__always) func du(_ r: Int, _ s: Int) -> Float { u[(4 * r + s) * step] }
                // Gᵀ dU (3×4), one column at a time; then (Gᵀ dU) G, one row at a time.
                let a0 = winogradKernelGradientRows(du(0, 0), du(1, 0), du(2, 0), du(3, 0))
                let a1 = winogradKernelGradientRows(du(0, 1), du(1, 1), du(2, 1), du(3, 1))
                let a2 = winogradKernelGradientRows(du(0, 2), du(1, 2), du(2, 2), du(3, 2))
                let a3 = winogradKernelGradientRows(du(0, 3), du(1, 3), du(2, 3), du(3, 3))
                let w = gradWeight + (o * k + c) * 9
                for i in 0..<3 {
                    let row = winogradKernelGradientRows(a0[i], a1[i], a2[i], a3[i])
                    for j in 0..<3 { w[3 * i + j] += row[j] }
                }
            }
        }
    }
}

/// Gᵀ · (x0, x1, x2, x3), in the first three lanes.
@inline(__always)
private func winogradKernelGradientRows(_ x0: Float, _ x1: Float, _ x2: Float, _ x3: Float) -> SIMD4<Float> {
    SIMD4(x0 + (x1 + x2) / 2, (x1 - x2) / 2, (x1 + x2) / 2 + x3, 0)
}
