// The unfolded and folded products of one-channel images, image by image, without a matrix
// product: the CNN VAE's first layer, Conv2d(1, 32, 3, stride 2, padding 1), and its last,
// ConvTranspose2d(32, 1, 3, stride 2, padding 1).
//
// With one channel the column matrix has only K·K rows (9), so each product is 9 deep (the
// forward), 9 wide (the weight gradient) or 9 tall (the fold): shapes a GEMM tile wastes most of,
// on which the products ran at 20–70 GFLOP/s (`nb-bench --layers`). Here one image's K·K tap planes (its im2col, 9 × 196
// floats for a 14×14 grid, 7 KB) stay in L1 while every output channel's plane is computed from
// them 16 columns at a time. A plane's last vector overlaps the one before it, as in
// SingleChannelConvolution.swift; planes narrower than a vector take a scalar loop. Images are
// split across cores; each core's weight-gradient sums are added in core order, so results never
// depend on timing.

/// Sixteen positions of an output plane.
private typealias PlaneLanes = SIMD16<Float>

extension WindowGeometry {
    /// Whether the tap-plane functions compute this geometry's products: one channel, and one
    /// image's tap planes no larger than an unfolded panel (512 KB), so a large image takes the
    /// blocked products instead and no core's planes outgrow its L2 (or memory).
    var usesTapPlanes: Bool { channels == 1 && rows * columnHeight * columnWidth <= UnfoldedBlocks.panelFloats }
}

/// `unfoldedProducts` for `g.usesTapPlanes`: the same products, from each image's tap planes.
func singleChannelUnfoldedProducts(
    image: UnsafePointer<Float>, _ g: WindowGeometry, _ products: UnfoldedProducts, scratch: inout Tensor?
) {
    let parts = min(Parallelism.cores, g.batch)
    let layout = TapPlanes(g, sums: products.weightGradient?.m ?? 0)
    let memory = Tensor.reusing(scratch, shape: Shape(parts, layout.perPart))
    scratch = memory
    guard parts > 0 else { return }
    WorkerPool.shared.run(
        parts: parts, SingleChannelUnfolded(image: image, g: g, products: products, layout: layout, memory: memory.data)
    )
    guard let gradient = products.weightGradient else { return }
    for part in 0..<parts {
        addVector(memory.data + part * layout.perPart + layout.partial, into: gradient.gradWeight, count: layout.sums)
    }
}

/// `foldedProduct` for `g.usesTapPlanes`: image = col2im(Wᵀ · source), each image's tap planes
/// computed and folded in turn.
func singleChannelFoldedProduct(
    weight: UnsafePointer<Float>, source: UnsafePointer<Float>, k: Int, _ g: WindowGeometry,
    image: UnsafeMutablePointer<Float>, scratch: inout Tensor?
) {
    let parts = min(Parallelism.cores, g.batch)
    let layout = TapPlanes(g, sums: 0)
    let memory = Tensor.reusing(scratch, shape: Shape(parts, layout.perPart))
    scratch = memory
    guard parts > 0 else { return }
    WorkerPool.shared.run(
        parts: parts,
        SingleChannelFolded(
            weight: weight, source: source, k: k, g: g, image: image, layout: layout, memory: memory.data))
}

/// One core's memory: the tap planes (K·K, P) of one image, the bordered plane of stride-2
/// im2col, and the weight gradient's running sums, 16 lanes per (output channel, tap), with
/// their totals.
private struct TapPlanes {
    let plane: Int, taps: Int, panel: Int, bordered: Int, sums: Int
    var lanes: Int { sums * PlaneLanes.scalarCount }
    var partial: Int { panel + bordered + lanes }
    var perPart: Int { partial + sums }

    init(_ g: WindowGeometry, sums m: Int) {
        plane = g.columnHeight * g.columnWidth
        taps = g.rows
        panel = taps * plane + WindowGeometry.laneSlack
        bordered = g.borderedFloats(images: 1)
        sums = m * taps
    }
}

private struct SingleChannelUnfolded: PartedJob {
    let image: UnsafePointer<Float>, g: WindowGeometry, products: UnfoldedProducts, layout: TapPlanes
    let memory: UnsafeMutablePointer<Float>

    func run(part: Int, of parts: Int) {
        let panel = memory + part * layout.perPart
        let bordered = panel + layout.panel
        let lanes = bordered + layout.bordered, totals = panel + layout.partial
        lanes.update(repeating: 0, count: layout.lanes)
        for n in partRange(part, of: parts, count: g.batch) {
            Im2col(image: image, g: g, columns: panel, rowStride: layout.plane, firstImage: n, bordered: bordered)
                .run(n..<(n + 1))
            if let laidOut = products.laidOut { lay(panel, image: n, laidOut) }
            if let gradient = products.weightGradient { accumulate(panel, image: n, gradient, into: lanes) }
        }
        for i in 0..<layout.sums { totals[i] = load(lanes + i * PlaneLanes.scalarCount).sum() }
    }

    /// output[n][o] = Σ_t weight[o][t] · taps[t] (+ bias[o]), then max(·, 0) if `rectifies`.
    private func lay(_ taps: UnsafePointer<Float>, image n: Int, _ laidOut: UnfoldedProducts.LaidOut) {
        let plane = layout.plane, count = layout.taps, width = PlaneLanes.scalarCount
        for o in 0..<laidOut.m {
            let w = laidOut.weight + o * count, y = laidOut.output + (n * laidOut.m + o) * plane
            let offset = laidOut.bias?[o] ?? 0
            guard plane >= width else {
                for p in 0..<plane {
                    var sum = offset
                    for t in 0..<count { sum += w[t] * taps[t * plane + p] }
                    y[p] = laidOut.rectifies ? (sum > 0 ? sum : 0) : sum
                }
                continue
            }
            var p = 0
            while true {
                var sum = PlaneLanes(repeating: offset)
                for t in 0..<count { sum.addProduct(load(taps + t * plane + p), w[t]) }
                // As ReLU's `x > 0 ? x : 0`, so a NaN becomes 0 here too.
                if laidOut.rectifies { sum.replace(with: 0, where: .!(sum .> 0)) }
                UnsafeMutableRawPointer(y + p).storeBytes(of: sum, as: PlaneLanes.self)
                if p + width == plane { break }
                p = min(p + width, plane - width)
            }
        }
    }

    /// sums[o][t] += left[o][n's plane] ⊙ taps[t], lane by lane (16 floats per sum); the lanes
    /// of a last vector that overlap the one before it are masked out, so each position counts once.
    private func accumulate(
        _ taps: UnsafePointer<Float>, image n: Int, _ gradient: UnfoldedProducts.WeightGradient,
        into sums: UnsafeMutablePointer<Float>
    ) {
        let plane = layout.plane, count = layout.taps, width = PlaneLanes.scalarCount
        let overlap = plane >= width ? (width - plane % width) % width : 0
        var tailMask = PlaneLanes(repeating: 1)
        for lane in 0..<overlap { tailMask[lane] = 0 }
        for o in 0..<gradient.m {
            let dy = gradient.left + o * g.columns + n * plane
            for t in 0..<count {
                let tap = taps + t * plane, stored = sums + (o * count + t) * width
                var sum = load(stored)
                defer { UnsafeMutableRawPointer(stored).storeBytes(of: sum, as: PlaneLanes.self) }
                guard plane >= width else {
                    for p in 0..<plane { sum[0] += dy[p] * tap[p] }
                    continue
                }
                var p = 0
                while true {
                    let isLast = p + width == plane
                    sum.addProduct(isLast ? load(dy + p) * tailMask : load(dy + p), load(tap + p))
                    if isLast { break }
                    p = min(p + width, plane - width)
                }
            }
        }
    }
}

private struct SingleChannelFolded: PartedJob {
    let weight: UnsafePointer<Float>, source: UnsafePointer<Float>, k: Int, g: WindowGeometry
    let image: UnsafeMutablePointer<Float>, layout: TapPlanes
    let memory: UnsafeMutablePointer<Float>

    /// taps[t] = Σ_c weight[c][t] · source[c][n's plane], then folded onto image n.
    func run(part: Int, of parts: Int) {
        let panel = memory + part * layout.perPart
        let bordered = panel + layout.panel
        let plane = layout.plane, width = PlaneLanes.scalarCount
        let images = partRange(part, of: parts, count: g.batch)
        let imageFloats = g.height * g.width
        (image + images.lowerBound * imageFloats).update(repeating: 0, count: images.count * imageFloats)
        for n in images {
            let x = source + n * plane
            if layout.taps == 9 && plane >= width {
                nineTaps(x, into: panel)
            } else {
                anyTaps(x, into: panel)
            }
            Col2im(columns: panel, rowStride: plane, firstImage: n, g: g, image: image, bordered: bordered)
                .run(n..<(n + 1))
        }
    }

    /// The nine taps of 3×3 windows, 16 positions at a time, in registers: each vector of the
    /// source is loaded once for all nine. Tap by tap, reloading the 32 source planes nine
    /// times, the CNN's last layer took 0.53–0.62 ms forward against 0.26–0.32 on OpenBLAS's
    /// product; this way 0.16–0.23 (3 interleaved `nb-bench --layers` runs each).
    private func nineTaps(_ x: UnsafePointer<Float>, into taps: UnsafeMutablePointer<Float>) {
        let plane = layout.plane, width = PlaneLanes.scalarCount
        var p = 0
        while true {
            var t0 = PlaneLanes(), t1 = PlaneLanes(), t2 = PlaneLanes(), t3 = PlaneLanes(), t4 = PlaneLanes()
            var t5 = PlaneLanes(), t6 = PlaneLanes(), t7 = PlaneLanes(), t8 = PlaneLanes()
            for c in 0..<k {
                let v = load(x + c * g.columns + p), w = weight + c * 9
                t0.addProduct(v, w[0])
                t1.addProduct(v, w[1])
                t2.addProduct(v, w[2])
                t3.addProduct(v, w[3])
                t4.addProduct(v, w[4])
                t5.addProduct(v, w[5])
                t6.addProduct(v, w[6])
                t7.addProduct(v, w[7])
                t8.addProduct(v, w[8])
            }
            let to = taps + p
            store(t0, to)
            store(t1, to + plane)
            store(t2, to + 2 * plane)
            store(t3, to + 3 * plane)
            store(t4, to + 4 * plane)
            store(t5, to + 5 * plane)
            store(t6, to + 6 * plane)
            store(t7, to + 7 * plane)
            store(t8, to + 8 * plane)
            if p + width == plane { break }
            p = min(p + width, plane - width)
        }
    }

    /// Any number of taps, one at a time; planes narrower than a vector one position at a time.
    private func anyTaps(_ x: UnsafePointer<Float>, into taps: UnsafeMutablePointer<Float>) {
        let plane = layout.plane, count = layout.taps, width = PlaneLanes.scalarCount
        for t in 0..<count {
            let tap = taps + t * plane
            guard plane >= width else {
                for p in 0..<plane {
                    var sum: Float = 0
                    for c in 0..<k { sum += weight[c * count + t] * x[c * g.columns + p] }
                    tap[p] = sum
                }
                continue
            }
            var p = 0
            while true {
                var sum = PlaneLanes()
                for c in 0..<k { sum.addProduct(load(x + c * g.columns + p), weight[c * count + t]) }
                UnsafeMutableRawPointer(tap + p).storeBytes(of: sum, as: PlaneLanes.self)
                if p + width == plane { break }
                p = min(p + width, plane - width)
            }
        }
    }
}

@inline(__always)
private func load(_ p: UnsafePointer<Float>) -> PlaneLanes {
    UnsafeRawPointer(p).loadUnaligned(as: PlaneLanes.self)
}

@inline(__always)
private func store(_ v: PlaneLanes, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: PlaneLanes.self)
}
