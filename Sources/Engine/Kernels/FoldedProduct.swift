// A matrix product over a batch whose result is folded (col2im) right away, a few images at a time.
//
// Done whole, such a product is a matrix of up to 14 MB (the CNN's widest layer) that OpenBLAS
// first zeroes, then fills, and the next pass reads back: three trips through memory. Here each
// core takes its share of the images and goes through it in blocks of about 192 KB, so each
// block is consumed while it is still in that core's cache. Blocks depend only on the shapes and
// the core count, so results never depend on timing.

/// image = col2im(Wᵀ · source), block by block: a transposed convolution's forward and a
/// convolution's input gradient.
///
/// - Shapes: weight stored (k, C·K·K), so op(A) = Wᵀ is (C·K·K, k); source (k, N·Hc·Wc);
///   image (N, C, H, W), overwritten. `scratch` is resized to what the blocks need.
func foldedProduct(
    weight: UnsafePointer<Float>, source: UnsafePointer<Float>, k: Int, _ g: WindowGeometry,
    image: UnsafeMutablePointer<Float>, scratch: inout Tensor?
) {
    GemmRecorder.record(
        GemmCall(transposeA: true, transposeB: false, m: g.rows, n: g.columns, k: k, accumulates: false))
    if g.usesTapPlanes {
        return singleChannelFoldedProduct(weight: weight, source: source, k: k, g, image: image, scratch: &scratch)
    }
    let parts = min(Parallelism.cores, g.batch)
    let blockImages = max(1, min(49_152 / (g.rows * g.columnHeight * g.columnWidth), g.batch / parts))
    let layout = FoldedBlocks(
        block: g.rows * blockImages * g.columnHeight * g.columnWidth + WindowGeometry.laneSlack,
        bordered: g.borderedFloats(images: blockImages))
    let blocks = Tensor.reusing(scratch, shape: Shape(parts, layout.perPart))
    scratch = blocks
    WorkerPool.shared.run(
        parts: parts,
        FoldedProduct(
            weight: weight, source: source, k: k, g: g, image: image, blockImages: blockImages, layout: layout,
            blocks: blocks.data))
}

private struct FoldedProduct: PartedJob {
    let weight: UnsafePointer<Float>, source: UnsafePointer<Float>, k: Int, g: WindowGeometry
    let image: UnsafeMutablePointer<Float>
    let blockImages: Int, layout: FoldedBlocks
    let blocks: UnsafeMutablePointer<Float>

    func run(part: Int, of parts: Int) {
        let grid = g.columnHeight * g.columnWidth
        let images = partRange(part, of: parts, count: g.batch)
        let imageFloats = g.channels * g.height * g.width
        (image + images.lowerBound * imageFloats).update(repeating: 0, count: images.count * imageFloats)
        let block = blocks + part * layout.perPart
        let bordered = block + layout.block
        var first = images.lowerBound
        while first < images.upperBound {
            let count = min(blockImages, images.upperBound - first)
            let width = count * grid
            singleThreadedGemm(
                transposeA: true, transposeB: false, m: g.rows, n: width, k: k,
                weight, lda: g.rows, source + first * grid, ldb: g.columns, beta: 0, block, ldc: width)
            Col2im(columns: block, rowStride: width, firstImage: first, g: g, image: image, bordered: bordered)
                .run(first..<(first + count))
            first += count
        }
    }
}

/// One core's memory: a block of at most `blockImages` images' columns (about 192 KB, so that
/// with its share of the operands it stays in a 512 KB L2 cache), and the bordered planes of
/// stride-2 col2im.
private struct FoldedBlocks {
    let block: Int, bordered: Int
    var perPart: Int { block + bordered }
}
