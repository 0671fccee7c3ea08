/// The geometry of a sliding square window over a batch of images: what `im2col` and `col2im`
/// need to turn a convolution into one matrix product.
///
/// The column grid (`columnHeight`, `columnWidth`) is given rather than derived, because the
/// transposed convolution uses the same lowering with its *output* as the image and its input
/// as the grid, and output padding makes that grid one smaller than the usual formula gives.
public struct WindowGeometry: Sendable, Equatable {
    /// Images in the batch.
    public var batch: Int
    /// Channels of the image.
    public var channels: Int
    /// Image height and width.
    public var height: Int, width: Int
    /// Window side.
    public var kernel: Int
    /// Step between windows, and zero padding on every side.
    public var stride: Int, padding: Int
    /// Positions of the window along each axis.
    public var columnHeight: Int, columnWidth: Int

    /// Creates a geometry; see the type's summary for why the column grid is explicit.
    public init(
        batch: Int, channels: Int, height: Int, width: Int, kernel: Int, stride: Int, padding: Int,
        columnHeight: Int, columnWidth: Int
    ) {
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.columnHeight = columnHeight
        self.columnWidth = columnWidth
    }

    /// Rows of the column matrix: one per (channel, kernel row, kernel column).
    public var rows: Int { channels * kernel * kernel }
    /// Columns of the column matrix: one per (image, output row, output column).
    public var columns: Int { batch * columnHeight * columnWidth }

    /// The window columns `first..<end` whose kernel column `kw` lands inside the image
    /// (0 ≤ ow·stride − padding + kw < width), so the inner loops need no bounds test.
    @inline(__always)
    func validColumns(kernelColumn kw: Int) -> (first: Int, end: Int) {
        let lowest = padding - kw  // ow·stride must reach at least this
        let highest = width - 1 + padding - kw  // and at most this
        let first = lowest <= 0 ? 0 : (lowest + stride - 1) / stride
        let end = highest < 0 ? 0 : min(columnWidth, highest / stride + 1)
        return (min(first, end), end)
    }
}

/// Unfolds every window of a batch of images into the columns of one matrix.
///
/// image (N, C, H, W) → columns (C·K·K, N·Hc·Wc); column index n·Hc·Wc + oh·Wc + ow.
/// Positions that fall in the padding read as zero.
public func im2col(_ image: UnsafePointer<Float>, _ g: WindowGeometry, _ columns: UnsafeMutablePointer<Float>) {
    // Images write disjoint column ranges, so the batch splits across cores.
    parallelRanges(g.batch, work: g.rows * g.columns, Im2col(image: image, g: g, columns: columns))
}

private struct Im2col: RangeLoop {
    let image: UnsafePointer<Float>, g: WindowGeometry, columns: UnsafeMutablePointer<Float>

    func run(_ images: Range<Int>) {
        let gridSize = g.columnHeight * g.columnWidth
        let imageSize = g.height * g.width
        let stride = g.stride, columnWidth = g.columnWidth
        for c in 0..<g.channels {
            for kh in 0..<g.kernel {
                for kw in 0..<g.kernel {
                    let row = columns + ((c * g.kernel + kh) * g.kernel + kw) * g.columns
                    let (first, end) = g.validColumns(kernelColumn: kw)  // two divisions: once per kw
                    for n in images {
                        let plane = image + (n * g.channels + c) * imageSize
                        let out = row + n * gridSize
                        for oh in 0..<g.columnHeight {
                            let ih = oh * g.stride - g.padding + kh
                            let outRow = out + oh * g.columnWidth
                            if ih < 0 || ih >= g.height {
                                outRow.update(repeating: 0, count: g.columnWidth)
                                continue
                            }
                            let inRow = plane + ih * g.width - g.padding + kw
                            for ow in 0..<first { outRow[ow] = 0 }
                            for ow in first..<end { outRow[ow] = inRow[ow * stride] }
                            for ow in end..<columnWidth { outRow[ow] = 0 }
                        }
                    }
                }
            }
        }
    }
}

/// Folds a column matrix back onto the images in a range, adding overlapping windows (the
/// adjoint of `im2col`); it accumulates, so zero the images first for a plain fold. The columns
/// may hold only some of the batch: row r starts at `columns + r·rowStride`, and its first
/// window belongs to image `firstImage`.
///
/// columns (C·K·K, count·Hc·Wc) → image (N, C, H, W), += ; padding positions are dropped.
struct Col2im: RangeLoop {
    let columns: UnsafePointer<Float>, rowStride: Int, firstImage: Int
    let g: WindowGeometry, image: UnsafeMutablePointer<Float>

    func run(_ images: Range<Int>) {
        let gridSize = g.columnHeight * g.columnWidth
        let imageSize = g.height * g.width
        let stride = g.stride
        for c in 0..<g.channels {
            for kh in 0..<g.kernel {
                for kw in 0..<g.kernel {
                    let row = columns + ((c * g.kernel + kh) * g.kernel + kw) * rowStride
                    let (first, end) = g.validColumns(kernelColumn: kw)  // two divisions: once per kw
                    for n in images {
                        let plane = image + (n * g.channels + c) * imageSize
                        let source = row + (n - firstImage) * gridSize
                        for oh in 0..<g.columnHeight {
                            let ih = oh * g.stride - g.padding + kh
                            if ih < 0 || ih >= g.height { continue }
                            let inRow = plane + ih * g.width - g.padding + kw
                            let sourceRow = source + oh * g.columnWidth
                            for ow in first..<end { inRow[ow * stride] += sourceRow[ow] }
                        }
                    }
                }
            }
        }
    }
}

/// Swaps the two outer axes of a contiguous (A, B, P) array into (B, A, P).
///
/// Convolutions compute on (C, N·H·W) matrices while tensors are (N, C, H, W); this moves
/// between the two layouts in one pass of contiguous `P`-long copies.
public func swapOuterAxes(
    _ source: UnsafePointer<Float>, outer: Int, inner: Int, plane: Int, _ destination: UnsafeMutablePointer<Float>
) {
    parallelRanges(
        outer, work: outer * inner * plane,
        SwapOuterAxes(source: source, outer: outer, inner: inner, plane: plane, destination: destination))
}

private struct SwapOuterAxes: RangeLoop {
    let source: UnsafePointer<Float>, outer: Int, inner: Int, plane: Int, destination: UnsafeMutablePointer<Float>

    func run(_ outerRange: Range<Int>) {
        for a in outerRange {
            for b in 0..<inner {
                (destination + (b * outer + a) * plane).update(from: source + (a * inner + b) * plane, count: plane)
            }
        }
    }
}
