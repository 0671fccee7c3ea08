// Direct convolution of one-channel images with stride 1 and no padding: the classifier convnet's
// first layer, Conv2d(1, 32, 3) on 28×28 digits.
//
// Lowered to im2col, that layer is a product of depth k = 9 (forward) or width n = 9 (weight
// gradient): shapes on which OpenBLAS reaches 15–30 GFLOP/s, and the column matrix is 9 times
// the image. Here each output row is computed in 16-wide vectors straight from the image rows,
// which stay in L1: a 28×28 image is 3 KB. Rows narrower than a vector take a scalar loop; the
// last vector of a wider row overlaps the one before it rather than running past the row.

extension WindowGeometry {
    /// Whether `singleChannelConvolution` and `singleChannelWeightGradient` compute this
    /// geometry: 3×3 windows over one input channel, stride 1, no padding, and the usual column
    /// grid. Larger windows take the unfolded products instead: their taps do not fit in
    /// registers here, and for Conv2d(1, 32, 5) on 128 28×28 images (4 interleaved rounds) the
    /// products took 1.5–2.5 ms forward and 4.7–7.6 backward against 2.6–3.6 and 6.4–8.4.
    var isSingleChannelDirect: Bool {
        kernel == 3 && channels == 1 && stride == 1 && padding == 0 && columnHeight == height - kernel + 1
            && columnWidth == width - kernel + 1
    }
}

/// Sixteen output columns.
typealias DirectLanes = SIMD16<Float>

/// output (N, m, Hc, Wc) = Σ_(kh, kw) weight[o][kh][kw] · image[n][oh + kh][ow + kw] + bias[o],
/// then max(·, 0) if `rectifies`; the taps summed in row-major order.
///
/// - Shapes: image (N, 1, H, W) with `g.isSingleChannelDirect`; weight (m, 1, K, K); bias (m).
func singleChannelConvolution(
    image: UnsafePointer<Float>, _ g: WindowGeometry, weight: UnsafePointer<Float>, outputChannels m: Int,
    bias: UnsafePointer<Float>, rectifies: Bool, output: UnsafeMutablePointer<Float>
) {
    // Counted as the im2col product it replaces, so GFLOP/s compare.
    GemmRecorder.record(
        GemmCall(transposeA: false, transposeB: false, m: m, n: g.columns, k: g.rows, accumulates: false))
    parallelRanges(
        g.batch, work: g.batch * m * g.columnHeight * g.columnWidth * g.rows,
        SingleChannelForward(image: image, g: g, weight: weight, m: m, bias: bias, rectifies: rectifies, output: output)
    )
}

private struct SingleChannelForward: RangeLoop {
    let image: UnsafePointer<Float>, g: WindowGeometry, weight: UnsafePointer<Float>, m: Int
    let bias: UnsafePointer<Float>, rectifies: Bool, output: UnsafeMutablePointer<Float>

    /// 3×3 windows over image n, 16 columns at a time: the nine pixel vectors under the window
    /// are loaded once and serve every output channel (the taps summed in row-major order, after
    /// the bias, each a fused multiply-add: written as a product and a sum, LLVM paired
    /// neighbouring weights into shuffles and the pass ran at a fifth of this speed).
    private func threeByThree(image n: Int) {
        let width = g.width, columns = g.columnWidth, rows = g.columnHeight, plane = rows * columns
        let lanes = DirectLanes.scalarCount
        let x = image + n * g.height * width, y = output + n * m * plane
        for oh in 0..<rows {
            var ow = 0
            while true {
                let a = x + oh * width + ow, b = a + width, c = b + width
                let v0 = load(a), v1 = load(a + 1), v2 = load(a + 2)
                let v3 = load(b), v4 = load(b + 1), v5 = load(b + 2)
                let v6 = load(c), v7 = load(c + 1), v8 = load(c + 2)
                for o in 0..<m {
                    let w = weight + 9 * o
                    var sum = DirectLanes(repeating: bias[o])
                    sum.addProduct(v0, w[0])
                    sum.addProduct(v1, w[1])
                    sum.addProduct(v2, w[2])
                    sum.addProduct(v3, w[3])
                    sum.addProduct(v4, w[4])
                    sum.addProduct(v5, w[5])
                    sum.addProduct(v6, w[6])
                    sum.addProduct(v7, w[7])
                    sum.addProduct(v8, w[8])
                    // As ReLU's `x > 0 ? x : 0`, so a NaN becomes 0 here too.
                    if rectifies { sum.replace(with: 0, where: .!(sum .> 0)) }
                    UnsafeMutableRawPointer(y + o * plane + oh * columns + ow).storeBytes(of: sum, as: DirectLanes.self)
                }
                if ow + lanes == columns { break }
                ow = min(ow + lanes, columns - lanes)
            }
        }
    }

    func run(_ images: Range<Int>) {
        let k = g.kernel, width = g.width, columns = g.columnWidth, rows = g.columnHeight
        let lanes = DirectLanes.scalarCount
        if k == 3 && columns >= lanes {
            for n in images { threeByThree(image: n) }
            return
        }
        for n in images {
            let x = image + n * g.height * width
            for o in 0..<m {
                let w = weight + o * k * k
                let y = output + (n * m + o) * rows * columns
                for oh in 0..<rows {
                    let inRow = x + oh * width, outRow = y + oh * columns
                    guard columns >= lanes else {
                        for ow in 0..<columns {
                            var sum = bias[o]
                            for kh in 0..<k {
                                for kw in 0..<k { sum += w[kh * k + kw] * inRow[kh * width + ow + kw] }
                            }
                            outRow[ow] = rectifies ? (sum > 0 ? sum : 0) : sum
                        }
                        continue
                    }
                    var ow = 0
                    while true {
                        var sum = DirectLanes(repeating: bias[o])
                        for kh in 0..<k {
                            let tapRow = inRow + kh * width + ow
                            for kw in 0..<k { sum += DirectLanes(repeating: w[kh * k + kw]) * load(tapRow + kw) }
                        }
                        // As ReLU's `x > 0 ? x : 0`, so a NaN becomes 0 here too.
                        if rectifies { sum.replace(with: 0, where: .!(sum .> 0)) }
                        UnsafeMutableRawPointer(outRow + ow).storeBytes(of: sum, as: DirectLanes.self)
                        if ow + lanes == columns { break }
                        ow = min(ow + lanes, columns - lanes)
                    }
                }
            }
        }
    }
}

@inline(__always)
private func load(_ p: UnsafePointer<Float>) -> DirectLanes {
    UnsafeRawPointer(p).loadUnaligned(as: DirectLanes.self)
}

/// gradWeight (m, 1, K, K) += Σ_(n, oh, ow) gradOutput[n][o][oh][ow] · image[n][oh + kh][ow + kw].
///
/// Split across cores by output channel, so each weight's sum is made by one thread in a fixed
/// order and results never depend on timing.
///
/// - Shapes: image (N, 1, H, W) with `g.isSingleChannelDirect`; gradOutput (N, m, Hc, Wc).
func singleChannelWeightGradient(
    image: UnsafePointer<Float>, _ g: WindowGeometry, gradOutput: UnsafePointer<Float>, outputChannels m: Int,
    gradWeight: UnsafeMutablePointer<Float>
) {
    GemmRecorder.record(GemmCall(transposeA: false, transposeB: true, m: m, n: g.rows, k: g.columns, accumulates: true))
    parallelRanges(
        m, work: g.batch * m * g.columnHeight * g.columnWidth * g.rows,
        SingleChannelWeightGradient(image: image, g: g, gradOutput: gradOutput, m: m, gradWeight: gradWeight))
}

private struct SingleChannelWeightGradient: RangeLoop {
    let image: UnsafePointer<Float>, g: WindowGeometry, gradOutput: UnsafePointer<Float>, m: Int
    let gradWeight: UnsafeMutablePointer<Float>

    func run(_ outputs: Range<Int>) {
        let k = g.kernel, taps = k * k
        if k == 3 && g.columnWidth >= DirectLanes.scalarCount {
            for o in outputs { threeByThree(output: o) }
            return
        }
        withUnsafeTemporaryAllocation(of: DirectLanes.self, capacity: taps) { buffer in
            guard let sums = buffer.baseAddress else { return }
            for o in outputs {
                sums.initialize(repeating: DirectLanes(), count: taps)
                for n in 0..<g.batch { accumulate(image: n, output: o, into: sums) }
                for t in 0..<taps { gradWeight[o * taps + t] += sums[t].sum() }
            }
        }
    }

    /// The nine sums of 3×3 windows, for output channel o, in registers: kept in memory, as the
    /// general loop keeps them, each multiply-add waited on the store of the one before.
    private func threeByThree(output o: Int) {
        let width = g.width, columns = g.columnWidth, rows = g.columnHeight
        let lanes = DirectLanes.scalarCount
        let overlap = (lanes - columns % lanes) % lanes
        var tailMask = DirectLanes(repeating: 1)
        for lane in 0..<overlap { tailMask[lane] = 0 }
        var s0 = DirectLanes(), s1 = DirectLanes(), s2 = DirectLanes(), s3 = DirectLanes(), s4 = DirectLanes()
        var s5 = DirectLanes(), s6 = DirectLanes(), s7 = DirectLanes(), s8 = DirectLanes()
        for n in 0..<g.batch {
            let x = image + n * g.height * width
            let dy = gradOutput + (n * m + o) * rows * columns
            for oh in 0..<rows {
                let r0 = x + oh * width, gradRow = dy + oh * columns
                var ow = 0
                while true {
                    var d = load(gradRow + ow)
                    let isLast = ow + lanes == columns
                    if isLast { d *= tailMask }
                    let a = r0 + ow, b = a + width, c = b + width
                    s0.addProduct(d, load(a))
                    s1.addProduct(d, load(a + 1))
                    s2.addProduct(d, load(a + 2))
                    s3.addProduct(d, load(b))
                    s4.addProduct(d, load(b + 1))
                    s5.addProduct(d, load(b + 2))
                    s6.addProduct(d, load(c))
                    s7.addProduct(d, load(c + 1))
                    s8.addProduct(d, load(c + 2))
                    if isLast { break }
                    ow = min(ow + lanes, columns - lanes)
                }
            }
        }
        let w = gradWeight + o * 9
        w[0] += s0.sum()
        w[1] += s1.sum()
        w[2] += s2.sum()
        w[3] += s3.sum()
        w[4] += s4.sum()
        w[5] += s5.sum()
        w[6] += s6.sum()
        w[7] += s7.sum()
        w[8] += s8.sum()
    }

    /// sums[tap] += dy row vectors ⊙ the image row vectors under that tap, over image n's plane
    /// of output channel o; a narrow row's columns go in lane 0, one at a time.
    @inline(__always)
    private func accumulate(image n: Int, output o: Int, into sums: UnsafeMutablePointer<DirectLanes>) {
        let k = g.kernel, width = g.width, columns = g.columnWidth, rows = g.columnHeight
        let lanes = DirectLanes.scalarCount
        let x = image + n * g.height * width
        let dy = gradOutput + (n * m + o) * rows * columns
        // The last vector of a row overlaps the one before it: its first lanes are masked out.
        let overlap = columns >= lanes ? (lanes - columns % lanes) % lanes : 0
        var tailMask = DirectLanes(repeating: 1)
        for lane in 0..<overlap { tailMask[lane] = 0 }
        for oh in 0..<rows {
            let inRow = x + oh * width, gradRow = dy + oh * columns
            guard columns >= lanes else {
                for ow in 0..<columns {
                    for kh in 0..<k {
                        for kw in 0..<k { sums[kh * k + kw][0] += gradRow[ow] * inRow[kh * width + ow + kw] }
                    }
                }
                continue
            }
            var ow = 0
            while true {
                var d = UnsafeRawPointer(gradRow + ow).loadUnaligned(as: DirectLanes.self)
                let isLast = ow + lanes == columns
                if isLast { d *= tailMask }
                for kh in 0..<k {
                    let tapRow = inRow + kh * width + ow
                    for kw in 0..<k {
                        sums[kh * k + kw] += d * load(tapRow + kw)
                    }
                }
                if isLast { break }
                ow = min(ow + lanes, columns - lanes)
            }
        }
    }
}
