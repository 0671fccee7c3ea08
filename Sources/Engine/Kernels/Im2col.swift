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

extension WindowGeometry {
    /// Whether every window row is the image row shifted: stride 1 and a column grid the size
    /// of the image (K = 2·padding + 1). Then one (c, kh, kw) row of an image's columns is its
    /// plane shifted by (kh − padding)·W + (kw − padding), with the wrapped edge columns zeroed.
    var isShiftedPlane: Bool { stride == 1 && columnHeight == height && columnWidth == width }

    /// The grid rows `first..<end` whose kernel row `kh` lands inside the image.
    @inline(__always)
    func validRows(kernelRow kh: Int) -> (first: Int, end: Int) {
        let lowest = padding - kh, highest = height - 1 + padding - kh
        let first = lowest <= 0 ? 0 : (lowest + stride - 1) / stride
        let end = highest < 0 ? 0 : min(columnHeight, highest / stride + 1)
        return (min(first, end), end)
    }
}

/// Unfolds the windows of the images in a range into the columns of a matrix. Row r of the
/// columns starts at `columns + r·rowStride`, and its first window belongs to image `firstImage`.
/// Positions that fall in the padding read as zero.
///
/// It and `Col2im` hoist every bound out of the per-image loop: the CNN's grids are 7 or 14
/// wide, so per-row tests and divisions cost as much as the copies.
///
/// Stride 2 takes `gatherEvenLanes`, which needs `bordered` (`g.borderedFloats`) and
/// `WindowGeometry.laneSlack` floats past the last row.
///
/// image (N, C, H, W) → columns (C·K·K, count·Hc·Wc); column (n − firstImage)·Hc·Wc + oh·Wc + ow.
struct Im2col: RangeLoop {
    let image: UnsafePointer<Float>, g: WindowGeometry
    let columns: UnsafeMutablePointer<Float>, rowStride: Int, firstImage: Int
    let bordered: UnsafeMutablePointer<Float>?

    func run(_ images: Range<Int>) {
        if g.usesEvenLanes, let bordered {
            gatherEvenLanes(
                image, g, images: images, columns: columns, rowStride: rowStride, firstImage: firstImage,
                bordered: bordered)
            return
        }
        let imageSize = g.height * g.width
        let stride = g.stride, width = g.width, columnWidth = g.columnWidth
        g.forEachTap(images: images, firstImage: firstImage, rowStride: rowStride) { tap, planeStart, columnStart in
            let (firstRow, endRow, first, end, offset) = (tap.firstRow, tap.endRow, tap.first, tap.end, tap.offset)
            let plane = image + planeStart, out = columns + columnStart
            out.update(repeating: 0, count: firstRow * columnWidth)
            (out + endRow * columnWidth).update(repeating: 0, count: (g.columnHeight - endRow) * columnWidth)
            if g.isShiftedPlane {
                // One copy of the valid rows, clipped to the plane, then the wrapped edges zeroed.
                let low = max(firstRow * width, -offset), high = min(endRow * width, imageSize - offset)
                if high > low { (out + low).update(from: plane + low + offset, count: high - low) }
                for oh in firstRow..<endRow {
                    let outRow = out + oh * width
                    for ow in 0..<first { outRow[ow] = 0 }
                    for ow in end..<width { outRow[ow] = 0 }
                }
                return
            }
            for oh in firstRow..<endRow {
                let outRow = out + oh * columnWidth
                let inRow = plane + oh * stride * width + offset
                for ow in 0..<first { outRow[ow] = 0 }
                for ow in first..<end { outRow[ow] = inRow[ow * stride] }
                for ow in end..<columnWidth { outRow[ow] = 0 }
            }
        }
    }
}

/// Folds a column matrix back onto the images in a range, adding overlapping windows (the
/// adjoint of `im2col`); it accumulates, so zero the images first for a plain fold. The columns
/// may hold only some of the batch: row r starts at `columns + r·rowStride`, and its first
/// window belongs to image `firstImage`. The columns are scratch: entries that fall in the
/// padding may be overwritten with zero.
///
/// Stride 2 takes `scatterEvenLanes`, which needs `bordered` (`g.borderedFloats`) and
/// `WindowGeometry.laneSlack` readable floats past the last row.
///
/// columns (C·K·K, count·Hc·Wc) → image (N, C, H, W), += ; padding positions are dropped.
struct Col2im: RangeLoop {
    let columns: UnsafeMutablePointer<Float>, rowStride: Int, firstImage: Int
    let g: WindowGeometry, image: UnsafeMutablePointer<Float>
    let bordered: UnsafeMutablePointer<Float>?

    func run(_ images: Range<Int>) {
        if g.usesEvenLanes, let bordered {
            scatterEvenLanes(
                columns: columns, rowStride: rowStride, firstImage: firstImage, g, images: images, image: image,
                bordered: bordered)
            return
        }
        let imageSize = g.height * g.width
        let stride = g.stride, width = g.width, columnWidth = g.columnWidth
        g.forEachTap(images: images, firstImage: firstImage, rowStride: rowStride) { tap, planeStart, columnStart in
            let plane = image + planeStart, source = columns + columnStart
            if g.isShiftedPlane {
                // Zero the wrapped edges, so that one contiguous sum adds nothing there.
                for oh in tap.firstRow..<tap.endRow {
                    let sourceRow = source + oh * width
                    for ow in 0..<tap.first { sourceRow[ow] = 0 }
                    for ow in tap.end..<width { sourceRow[ow] = 0 }
                }
                let low = max(tap.firstRow * width, -tap.offset), high = min(tap.endRow * width, imageSize - tap.offset)
                if high > low { addVector(source + low, into: plane + low + tap.offset, count: high - low) }
                return
            }
            for oh in tap.firstRow..<tap.endRow {
                let inRow = plane + oh * stride * width + tap.offset
                let sourceRow = source + oh * columnWidth
                for ow in tap.first..<tap.end { inRow[ow * stride] += sourceRow[ow] }
            }
        }
    }
}

/// One row of a column matrix: channel `channel`'s kernel tap (kh, kw), with the output rows
/// and columns whose window at that tap falls inside the image.
struct KernelTap {
    /// The channel.
    let channel: Int
    /// The row of the column matrix, (channel·K + kh)·K + kw.
    let row: Int
    /// Output rows firstRow..<endRow and columns first..<end read the image; the rest, padding.
    let firstRow: Int, endRow: Int, first: Int, end: Int
    /// Offset of window (oh, ow)'s input from oh·stride·W + ow·stride.
    let offset: Int
}

extension WindowGeometry {
    /// Calls `body` for each row of the column matrix and each image in `images`, with where
    /// that image's channel plane starts and where its block of the row starts (row r's first
    /// window belongs to image `firstImage`): the loop im2col and its adjoint col2im share, called
    /// once per plane and tap (C·K·K·images calls, never per element).
    @inline(__always)
    func forEachTap(
        images: Range<Int>, firstImage: Int, rowStride: Int, _ body: (KernelTap, _ plane: Int, _ column: Int) -> Void
    ) {
        let gridSize = columnHeight * columnWidth, imageSize = height * width
        for c in 0..<channels {
            for kh in 0..<kernel {
                let (firstRow, endRow) = validRows(kernelRow: kh)
                for kw in 0..<kernel {
                    let (first, end) = validColumns(kernelColumn: kw)
                    let tap = KernelTap(
                        channel: c, row: (c * kernel + kh) * kernel + kw, firstRow: firstRow, endRow: endRow,
                        first: first, end: end, offset: (kh - padding) * width + kw - padding)
                    for n in images {
                        body(tap, (n * channels + c) * imageSize, tap.row * rowStride + (n - firstImage) * gridSize)
                    }
                }
            }
        }
    }
}

/// y[i] += x[i] for i in 0..<count, eight lanes at a time.
@inline(__always)
func addVector(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    typealias Vector = SIMD8<Float>
    var i = 0
    while i + Vector.scalarCount <= count {
        let sum =
            UnsafeRawPointer(y + i).loadUnaligned(as: Vector.self)
            + UnsafeRawPointer(x + i).loadUnaligned(as: Vector.self)
        UnsafeMutableRawPointer(y + i).storeBytes(of: sum, as: Vector.self)
        i += Vector.scalarCount
    }
    while i < count {
        y[i] += x[i]
        i += 1
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
