// Matrix products with an unfolded (im2col) operand that is never built for the whole batch.
//
// Whole, the column matrix of the CNN's widest layer is 14 MB: im2col writes it to memory and
// the products read it back, and writing it was most of im2col's time (about 15% of a step).
// Here each core unfolds its share of the images a few at a time into a panel of at most
// 512 KB, and every product that needs those columns reads the panel while it is still in that
// core's cache. Blocks depend only on the shapes and the core count, so results never depend
// on timing.

/// The products that read one block's columns, im2col(image) (g.rows, count·P).
struct UnfoldedProducts {
    /// output (N, m, P) = weight (m, g.rows) · columns (+ bias per row), laid out as NCHW, and
    /// then max(·, 0) if `rectifies` (a ReLU fused into this pass, `ReLUEpilogue`).
    struct LaidOut {
        let weight: UnsafePointer<Float>, m: Int, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
        var rectifies = false
    }
    /// gradWeight (m, g.rows) += left (m, N·P) · columnsᵀ: a weight gradient, with `left` the
    /// other operand laid out channel-major.
    struct WeightGradient {
        let left: UnsafePointer<Float>, m: Int, gradWeight: UnsafeMutablePointer<Float>
    }
    var laidOut: LaidOut?
    var weightGradient: WeightGradient?
}

/// Runs `products` over the columns of `image` under geometry `g`, block by block on every core.
///
/// - Shapes: image (N, C, H, W); the products' operands as in `UnfoldedProducts`. `scratch` is
///   resized to the panels, blocks and per-core partial weight gradients.
func unfoldedProducts(
    image: UnsafePointer<Float>, _ g: WindowGeometry, _ products: UnfoldedProducts, scratch: inout Tensor?
) {
    let plane = g.columnHeight * g.columnWidth
    if let laidOut = products.laidOut {
        GemmRecorder.record(
            GemmCall(transposeA: false, transposeB: false, m: laidOut.m, n: g.columns, k: g.rows, accumulates: false))
    }
    if let gradient = products.weightGradient {
        GemmRecorder.record(
            GemmCall(transposeA: false, transposeB: true, m: gradient.m, n: g.rows, k: g.columns, accumulates: true))
    }
    if g.usesTapPlanes { return singleChannelUnfoldedProducts(image: image, g, products, scratch: &scratch) }
    let parts = min(Parallelism.cores, g.batch)
    let blockImages = max(1, min(UnfoldedBlocks.panelFloats / (g.rows * plane), g.batch / parts))
    let largest = UnfoldedBlocks.largestBlock(blockImages)
    let layout = UnfoldedBlocks(
        panel: g.rows * largest * plane + WindowGeometry.laneSlack, block: (products.laidOut?.m ?? 0) * largest * plane,
        partial: (products.weightGradient?.m ?? 0) * g.rows, bordered: g.borderedFloats(images: largest))
    let memory = Tensor.reusing(scratch, shape: Shape(parts, layout.perPart))
    scratch = memory
    WorkerPool.shared.run(
        parts: parts,
        UnfoldedProductsJob(
            image: image, g: g, products: products, blockImages: blockImages, layout: layout, memory: memory.data))
    // Part 0 accumulated into the gradient itself; the other parts' sums are added in part order.
    guard let gradient = products.weightGradient else { return }
    for part in 1..<parts {
        addVector(
            memory.data + part * layout.perPart + layout.panel + layout.block, into: gradient.gradWeight,
            count: layout.partial)
    }
}

/// One core's memory: its panel, its product block, (past part 0) its partial gradient, and
/// the bordered planes of stride-2 im2col.
struct UnfoldedBlocks {
    /// 128 Ki floats (512 KB) of columns at most per block: the panel stays in L2 or near it.
    static let panelFloats = 131_072
    let panel: Int, block: Int, partial: Int, bordered: Int
    var perPart: Int { panel + block + partial + bordered }

    /// The images in the block that starts `remaining` images before the part's end: blocks of
    /// `blockImages`, except that a remainder of less than half a block joins the block before
    /// it. A one-image tail block made a thin product (CNN encoder.2: 64 × 49 × 288), which
    /// OpenBLAS 0.3.21's AVX-512 small-matrix kernel serves with a malloc on every call.
    static func images(remaining: Int, blockImages: Int) -> Int {
        remaining - blockImages < (blockImages + 1) / 2 ? remaining : blockImages
    }

    /// The most images `images(remaining:blockImages:)` puts in one block.
    static func largestBlock(_ blockImages: Int) -> Int { blockImages + (blockImages + 1) / 2 - 1 }
}

private struct UnfoldedProductsJob: PartedJob {
    let image: UnsafePointer<Float>, g: WindowGeometry, products: UnfoldedProducts
    let blockImages: Int, layout: UnfoldedBlocks
    let memory: UnsafeMutablePointer<Float>

    func run(part: Int, of parts: Int) {
        let plane = g.columnHeight * g.columnWidth
        let images = partRange(part, of: parts, count: g.batch)
        let panel = memory + part * layout.perPart
        let block = panel + layout.panel
        let bordered = block + layout.block + layout.partial
        let gradWeight = products.weightGradient.map { part == 0 ? $0.gradWeight : block + layout.block }
        var first = images.lowerBound
        while first < images.upperBound {
            let count = UnfoldedBlocks.images(remaining: images.upperBound - first, blockImages: blockImages)
            let width = count * plane
            Im2col(image: image, g: g, columns: panel, rowStride: width, firstImage: first, bordered: bordered)
                .run(first..<(first + count))
            if let laidOut = products.laidOut {
                singleThreadedGemm(
                    transposeA: false, transposeB: false, m: laidOut.m, n: width, k: g.rows,
                    laidOut.weight, lda: g.rows, panel, ldb: width, beta: 0, block, ldc: width)
                layOut(
                    block: block, rows: laidOut.m, images: first..<(first + count), plane: plane, bias: laidOut.bias,
                    rectifies: laidOut.rectifies, output: laidOut.output)
            }
            if let gradient = products.weightGradient, let gradWeight {
                // Past part 0, the first block starts the partial sum rather than adding to it.
                let beta: Float = part > 0 && first == images.lowerBound ? 0 : 1
                singleThreadedGemm(
                    transposeA: false, transposeB: true, m: gradient.m, n: g.rows, k: width,
                    gradient.left + first * plane, lda: g.columns, panel, ldb: width, beta: beta, gradWeight,
                    ldc: g.rows)
            }
            first += count
        }
    }
}

/// block (m, count·P) → output[n] (m, P) for each image n of `images`, plus bias[row] if given,
/// then max(·, 0) if `rectifies`.
@inline(__always)
func layOut(
    block: UnsafePointer<Float>, rows m: Int, images: Range<Int>, plane: Int, bias: UnsafePointer<Float>?,
    rectifies: Bool, output: UnsafeMutablePointer<Float>
) {
    let width = images.count * plane
    for n in images {
        for row in 0..<m {
            let from = block + row * width + (n - images.lowerBound) * plane
            let to = output + (n * m + row) * plane
            if rectifies {
                let value = bias?[row] ?? 0
                for p in 0..<plane {
                    let y = from[p] + value
                    to[p] = y > 0 ? y : 0
                }
            } else if let bias {
                let value = bias[row]
                for p in 0..<plane { to[p] = from[p] + value }
            } else {
                to.update(from: from, count: plane)
            }
        }
    }
}
