/// image = col2im(Wᵀ · source): a matrix product whose columns are folded straight onto a
/// batch of images, as a transposed convolution's forward and a convolution's input gradient are.
///
/// Done whole, the product is a (C·K·K, N·Hc·Wc) matrix (14 MB for the CNN's widest layer) that
/// OpenBLAS first zeroes, then fills, and col2im then reads back: three trips through memory.
/// Here each core takes its share of the images and goes through it a few images at a time, so
/// each block of columns is folded while it is still in that core's cache.
///
/// - Shapes: weight stored (k, C·K·K), so op(A) = Wᵀ is (C·K·K, k); source (k, N·Hc·Wc);
///   image (N, C, H, W), overwritten. `scratch` is resized to what the blocks need.
func foldedProduct(
    weight: UnsafePointer<Float>, source: UnsafePointer<Float>, k: Int, _ g: WindowGeometry,
    image: UnsafeMutablePointer<Float>, scratch: inout Tensor?
) {
    if GemmRecorder.calls != nil {
        GemmRecorder.calls?.append(
            GemmCall(transposeA: true, transposeB: false, m: g.rows, n: g.columns, k: k, accumulates: false))
    }
    let grid = g.columnHeight * g.columnWidth
    let parts = min(Parallelism.cores, g.batch)
    let blockImages = max(1, min(FoldedProduct.blockFloats / (g.rows * grid), g.batch / parts))
    let blocks = Tensor.reusing(scratch, shape: Shape(parts, g.rows * blockImages * grid))
    scratch = blocks
    WorkerPool.shared.run(
        parts: parts,
        FoldedProduct(
            weight: weight, source: source, k: k, g: g, image: image, blockImages: blockImages, blocks: blocks.data))
}

private struct FoldedProduct: PartedJob {
    /// About 192 KB of columns per block: with its share of the source and of W, it stays in a
    /// 512 KB L2 cache.
    static let blockFloats = 49_152

    let weight: UnsafePointer<Float>, source: UnsafePointer<Float>, k: Int, g: WindowGeometry
    let image: UnsafeMutablePointer<Float>
    let blockImages: Int
    let blocks: UnsafeMutablePointer<Float>

    func run(part: Int, of parts: Int) {
        let grid = g.columnHeight * g.columnWidth
        let images = (part * g.batch / parts)..<((part + 1) * g.batch / parts)
        let imageFloats = g.channels * g.height * g.width
        (image + images.lowerBound * imageFloats).update(repeating: 0, count: images.count * imageFloats)
        let block = blocks + part * g.rows * blockImages * grid
        var first = images.lowerBound
        while first < images.upperBound {
            let count = min(blockImages, images.upperBound - first)
            let width = count * grid
            singleThreadedSgemm(
                true, false, g.rows, width, k, 1, weight, g.rows, source + first * grid, g.columns, 0, block, width)
            Col2im(columns: block, rowStride: width, firstImage: first, g: g, image: image)
                .run(first..<(first + count))
            first += count
        }
    }
}
