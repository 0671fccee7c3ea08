// Winograd's minimal filtering F(2×2, 3×3), for 3×3 convolutions with stride 1 and padding 0 or 1
// (and, for the input gradient of padding 0, padding 2).
//
// Direct, each 2×2 block of outputs costs 4·9 = 36 multiply-adds per pair of output and input
// channels. Winograd transforms each overlapping 4×4 input tile (V = Bᵀ d B) and each 3×3 kernel
// (U = G w Gᵀ) so that the block costs 16 element-wise products, then transforms the sum back
// (Y = Aᵀ M A). Summed over input channels, the 16 element-wise products become 16 matrix
// products, M[ξ] = U[ξ] · V[ξ] (Lavin & Gray, "Fast Algorithms for Convolutional Neural
// Networks", 2015). On the CNN's 7×7 planes, whose 2×2 tiles cover 8×8, that is 256
// multiply-adds per channel pair instead of 441: 1.7× fewer, and no im2col or col2im.
//
// Images go through in groups of eight, one per SIMD lane, so each transform is a few 8-wide
// additions with no shuffles. Groups depend only on the batch and the core count, so results
// never depend on timing.

extension WindowGeometry {
    /// Whether Winograd F(2×2, 3×3) computes this geometry's convolution: 3×3 windows, stride 1,
    /// and padding 1 (the output plane is the input plane's size) or padding 0 (two smaller) over
    /// more than one input channel: with one, the 16 products would be outer products.
    var isWinograd3x3: Bool {
        kernel == 3 && stride == 1 && (padding == 1 || (padding == 0 && channels > 1))
            && columnHeight == height + 2 * padding - 2 && columnWidth == width + 2 * padding - 2
    }

    /// The geometry of the input gradient as a convolution of dy with the kernels turned 180°:
    /// dy's plane (the column grid) in, the image's plane out, with padding 2 − `padding`.
    func winogradInputGradient(outputChannels: Int) -> WindowGeometry {
        WindowGeometry(
            batch: batch, channels: outputChannels, height: columnHeight, width: columnWidth, kernel: 3, stride: 1,
            padding: 2 - padding, columnHeight: height, columnWidth: width)
    }
}

/// Which kernels a Winograd convolution applies, read from a weight stored (Cout, Cin, 3, 3).
enum WinogradKernels {
    /// Conv2d's forward: output channel o, input channel c use weight[o][c].
    case forward
    /// Conv2d's input gradient, itself a 3×3 convolution of dy with padding 2 − p: from dy's
    /// channel o to dx's channel c, the kernel weight[o][c] turned 180°.
    case inputGradient
}

/// output (N, m, H, W) = Σ_c w[o][c] ⋆ image[n][c] (+ bias[o]), then max(·, 0) if `rectifies`,
/// overwritten, with the kernels w read from `weight` as `kernels` says.
///
/// - Shapes: image (N, k, H, W) with geometry `g` (`g.isWinograd3x3`, `g.channels` = k);
///   weight (m, k, 3, 3) for `.forward`, (k, m, 3, 3) for `.inputGradient`; bias (m).
///   `scratch` is resized to the transformed kernels and every core's tiles.
func winogradConvolution(
    image: UnsafePointer<Float>, _ g: WindowGeometry, weight: UnsafePointer<Float>, kernels: WinogradKernels,
    outputChannels m: Int, bias: UnsafePointer<Float>?, rectifies: Bool = false, output: UnsafeMutablePointer<Float>,
    scratch: inout Tensor?
) {
    // Counted as the direct product it replaces, so GFLOP/s compare with the im2col lowering:
    // for the input gradient, the product that col2im folds (Wᵀ · dy, over dy's plane).
    GemmRecorder.record(
        kernels == .forward
            ? GemmCall(transposeA: false, transposeB: false, m: m, n: g.columns, k: g.rows, accumulates: false)
            : GemmCall(
                transposeA: true, transposeB: false, m: m * 9, n: g.batch * g.height * g.width, k: g.channels,
                accumulates: false))
    let tiles = WinogradTiles(g, inputChannels: g.channels, outputChannels: m)
    let groups = (g.batch + WinogradTiles.lanes - 1) / WinogradTiles.lanes
    let parts = min(Parallelism.cores, groups)
    // Shape's two-axis initializer: an array literal would allocate on every call.
    let memory = Tensor.reusing(scratch, shape: Shape(1, tiles.transformedKernels + parts * tiles.perPart))
    scratch = memory
    parallelRanges(
        m, work: 16 * m * g.channels,
        WinogradKernelTransform(
            weight: weight, kernels: kernels, m: m, k: g.channels, transformed: memory.data))
    WorkerPool.shared.run(
        parts: parts,
        WinogradJob(
            image: image, tiles: tiles, groups: groups, batch: g.batch, bias: bias, rectifies: rectifies,
            output: output, memory: memory.data))
}

/// U[ξ][o][c] = (G w Gᵀ)[ξ] for the output channels in the range, with
/// G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1].
private struct WinogradKernelTransform: RangeLoop {
    let weight: UnsafePointer<Float>, kernels: WinogradKernels, m: Int, k: Int
    let transformed: UnsafeMutablePointer<Float>

    func run(_ outputs: Range<Int>) {
        for o in outputs {
            for c in 0..<k {
                // w[i][j] = kernel[3·i + j], turned 180° for the input gradient.
                let kernel =
                    switch kernels {
                    case .forward: weight + (o * k + c) * 9
                    case .inputGradient: weight + (c * m + o) * 9
                    }
                let turned = kernels == .inputGradient
                @inline(__always) func w(_ i: Int, _ j: Int) -> Float {
                    turned ? kernel[8 - 3 * i - j] : kernel[3 * i + j]
                }
                // a = G w (4×3), one column at a time; then U = a Gᵀ, one row at a time.
                let a0 = winogradKernelRows(w(0, 0), w(1, 0), w(2, 0))
                let a1 = winogradKernelRows(w(0, 1), w(1, 1), w(2, 1))
                let a2 = winogradKernelRows(w(0, 2), w(1, 2), w(2, 2))
                let u = transformed + o * k + c
                let step = m * k
                for r in 0..<4 {
                    let row = winogradKernelRows(a0[r], a1[r], a2[r])
                    for s in 0..<4 { u[(4 * r + s) * step] = row[s] }
                }
            }
        }
    }
}

/// G · (x0, x1, x2): the kernel transform along one axis.
@inline(__always)
private func winogradKernelRows(_ x0: Float, _ x1: Float, _ x2: Float) -> SIMD4<Float> {
    SIMD4(x0, (x0 + x1 + x2) / 2, (x0 - x1 + x2) / 2, x2)
}

/// One core's groups of images: pad, transform the tiles, 16 products, transform back.
private struct WinogradJob: PartedJob {
    let image: UnsafePointer<Float>, tiles: WinogradTiles, groups: Int, batch: Int
    let bias: UnsafePointer<Float>?, rectifies: Bool, output: UnsafeMutablePointer<Float>
    let memory: UnsafeMutablePointer<Float>

    func run(part: Int, of parts: Int) {
        let t = tiles, lanes = WinogradTiles.lanes
        let padded = memory + t.transformedKernels + part * t.perPart
        let inputTiles = padded + t.padded
        let productTiles = inputTiles + t.inputTiles
        let width = t.laneColumns
        for group in partRange(part, of: parts, count: groups) {
            let first = group * lanes, count = min(lanes, batch - first)
            t.pad(image, images: first..<(first + count), into: padded)
            t.transformInput(padded, into: inputTiles)
            for xi in 0..<16 {
                singleThreadedGemm(
                    transposeA: false, transposeB: false, m: t.m, n: width, k: t.k,
                    memory + xi * t.m * t.k, lda: t.k, inputTiles + xi * t.inputStep, ldb: width, beta: 0,
                    productTiles + xi * t.productStep, ldc: width)
            }
            t.transformOutput(
                productTiles, bias: bias, rectifies: rectifies, images: first..<(first + count), into: output)
        }
    }

}
