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
    let (parts, blockImages, blocks) = productBlocks(
        batch: g.batch, floatsPerImage: g.rows * g.columnHeight * g.columnWidth, scratch: &scratch)
    WorkerPool.shared.run(
        parts: parts,
        FoldedProduct(
            weight: weight, source: source, k: k, g: g, image: image, blockImages: blockImages, blocks: blocks.data))
}

private struct FoldedProduct: PartedJob {
    let weight: UnsafePointer<Float>, source: UnsafePointer<Float>, k: Int, g: WindowGeometry
    let image: UnsafeMutablePointer<Float>
    let blockImages: Int
    let blocks: UnsafeMutablePointer<Float>

    func run(part: Int, of parts: Int) {
        let grid = g.columnHeight * g.columnWidth
        let images = partRange(part, of: parts, count: g.batch)
        let imageFloats = g.channels * g.height * g.width
        (image + images.lowerBound * imageFloats).update(repeating: 0, count: images.count * imageFloats)
        let block = blocks + part * g.rows * blockImages * grid
        var first = images.lowerBound
        while first < images.upperBound {
            let count = min(blockImages, images.upperBound - first)
            let width = count * grid
            singleThreadedGemm(
                transposeA: true, transposeB: false, m: g.rows, n: width, k: k,
                weight, lda: g.rows, source + first * grid, ldb: g.columns, beta: 0, block, ldc: width)
            Col2im(columns: block, rowStride: width, firstImage: first, g: g, image: image)
                .run(first..<(first + count))
            first += count
        }
    }
}

/// How many parts a batch splits into, how many images a block holds, and the blocks' memory
/// (one block per part, about 192 KB each: with its share of the operands it stays in a 512 KB
/// L2 cache).
private func productBlocks(
    batch: Int, floatsPerImage: Int, scratch: inout Tensor?
) -> (parts: Int, blockImages: Int, blocks: Tensor) {
    let parts = min(Parallelism.cores, batch)
    let blockImages = max(1, min(49_152 / floatsPerImage, batch / parts))
    let blocks = Tensor.reusing(scratch, shape: Shape(parts, floatsPerImage * blockImages))
    scratch = blocks
    return (parts, blockImages, blocks)
}
