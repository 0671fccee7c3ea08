// The side of Winograd F(2×2, 3×3) that the forward, the input gradient and the weight gradient
// share: a group of eight images, one per SIMD lane, padded and cut into overlapping 4×4 input
// tiles, each transformed to V = Bᵀ d B, and the transforms of the products back to 2×2 output
// blocks (Aᵀ M A) and of output gradients into the products' domain (A dY Aᵀ). See
// WinogradConvolution.swift for the method. The transforms live in one file with their eight-lane
// loads and stores because the debug build compiles file by file and would call, not inline, a
// helper from another file.

/// The tile grid of one plane and the sizes of one core's buffers.
struct WinogradTiles {
    /// Images per group: one per lane of a `SIMD8<Float>`.
    static let lanes = 8
    /// The input plane, the input channels k whose tiles are transformed, and the output channels m.
    let height: Int, width: Int, k: Int, m: Int
    /// The output plane: the input plane's size with padding 1, two smaller with padding 0.
    let outputHeight: Int, outputWidth: Int
    /// Rows and columns of zeros before the input plane.
    let padding: Int
    /// 2×2 output tiles along each axis, and per plane.
    let tileRows: Int, tileColumns: Int, perPlane: Int
    /// The zero-padded input plane a group's tiles are read from: `padding` rows and columns of
    /// zeros before, enough after for the last tile's 4×4 window.
    let paddedHeight: Int, paddedWidth: Int

    init(_ g: WindowGeometry, inputChannels k: Int, outputChannels m: Int) {
        height = g.height
        width = g.width
        outputHeight = g.columnHeight
        outputWidth = g.columnWidth
        padding = g.padding
        self.k = k
        self.m = m
        tileRows = (g.columnHeight + 1) / 2
        tileColumns = (g.columnWidth + 1) / 2
        perPlane = tileRows * tileColumns
        paddedHeight = 2 * tileRows + 2
        paddedWidth = 2 * tileColumns + 2
    }

    /// Columns of each transformed matrix V[ξ] and M[ξ]: one per (tile, lane).
    var laneColumns: Int { perPlane * Self.lanes }
    /// Floats from V[ξ] to V[ξ + 1], and from M[ξ] to M[ξ + 1]: each matrix plus one cache line.
    /// The transforms read or write all 16 matrices of a tile at once; at the matrices' own size
    /// (64 × 128 floats on the CNN's 7×7 planes, 32 KB) the 16 streams fell in one set of the
    /// 8-way L1 and evicted each other. Skewed, the CNN's Winograd layer took 1.97–2.30 ms per
    /// pass alone instead of 2.39–3.05 (3 interleaved `nb-bench --layers` runs, each pass).
    var inputStep: Int { k * laneColumns + Self.skew }
    var productStep: Int { m * laneColumns + Self.skew }
    private static let skew = 16
    /// U (16, m, k): transformed kernels, or their gradient.
    var transformedKernels: Int { 16 * m * k }
    /// A group's padded planes (k, paddedHeight, paddedWidth, lanes).
    var padded: Int { k * paddedHeight * paddedWidth * Self.lanes }
    /// V (16, k, laneColumns), `inputStep` apart.
    var inputTiles: Int { 16 * inputStep }
    /// M (16, m, laneColumns), `productStep` apart.
    var productTiles: Int { 16 * productStep }
    /// One core's padded planes, V and M.
    var perPart: Int { padded + inputTiles + productTiles }

    /// padded[c][y + padding][x + padding][lane] = image[first + lane][c][y][x], zeros elsewhere
    /// (missing images of a short last group included).
    func pad(_ image: UnsafePointer<Float>, images: Range<Int>, into padded: UnsafeMutablePointer<Float>) {
        let lanes = Self.lanes
        padded.update(repeating: 0, count: self.padded)
        let plane = height * width
        for n in images {
            let lane = n - images.lowerBound
            for c in 0..<k {
                let from = image + (n * k + c) * plane
                let to = padded + ((c * paddedHeight + padding) * paddedWidth + padding) * lanes + lane
                for y in 0..<height {
                    let row = to + y * paddedWidth * lanes
                    for x in 0..<width { row[x * lanes] = from[y * width + x] }
                }
            }
        }
    }

    /// V[ξ][c][(tile, lane)] = (Bᵀ d B)[ξ], d the tile's 4×4 window of the padded plane.
    func transformInput(_ padded: UnsafeMutablePointer<Float>, into inputTiles: UnsafeMutablePointer<Float>) {
        let lanes = Self.lanes
        let rowStride = paddedWidth * lanes, step = inputStep
        for c in 0..<k {
            for ty in 0..<tileRows {
                for tx in 0..<tileColumns {
                    let d = UnsafePointer(padded + (c * paddedHeight + 2 * ty) * rowStride + 2 * tx * lanes)
                    @inline(__always) func column(_ j: Int) -> (
                        WinogradLanes, WinogradLanes, WinogradLanes, WinogradLanes
                    ) {
                        let p = d + j * lanes
                        return winogradInputRows(
                            loadLanes(p), loadLanes(p + rowStride), loadLanes(p + 2 * rowStride),
                            loadLanes(p + 3 * rowStride))
                    }
                    // Bᵀ d, column by column; then (Bᵀ d) B, row by row.
                    let c0 = column(0), c1 = column(1), c2 = column(2), c3 = column(3)
                    let v = inputTiles + c * laneColumns + (ty * tileColumns + tx) * lanes
                    @inline(__always) func put(
                        _ r: Int, _ row: (WinogradLanes, WinogradLanes, WinogradLanes, WinogradLanes)
                    ) {
                        storeLanes(row.0, v + (4 * r) * step)
                        storeLanes(row.1, v + (4 * r + 1) * step)
                        storeLanes(row.2, v + (4 * r + 2) * step)
                        storeLanes(row.3, v + (4 * r + 3) * step)
                    }
                    put(0, winogradInputRows(c0.0, c1.0, c2.0, c3.0))
                    put(1, winogradInputRows(c0.1, c1.1, c2.1, c3.1))
                    put(2, winogradInputRows(c0.2, c1.2, c2.2, c3.2))
                    put(3, winogradInputRows(c0.3, c1.3, c2.3, c3.3))
                }
            }
        }
    }

    /// output[n][o] 2×2 block of each tile = Aᵀ M A (+ bias[o]), then max(·, 0) if
    /// `rectifies`, clipped to the plane.
    func transformOutput(
        _ productTiles: UnsafePointer<Float>, bias: UnsafePointer<Float>?, rectifies: Bool, images: Range<Int>,
        into output: UnsafeMutablePointer<Float>
    ) {
        let lanes = Self.lanes, width = outputWidth
        let plane = outputHeight * width, step = productStep
        for o in 0..<m {
            let offset = WinogradLanes(repeating: bias?[o] ?? 0)
            for ty in 0..<tileRows {
                for tx in 0..<tileColumns {
                    let p = productTiles + (o * laneColumns + (ty * tileColumns + tx) * lanes)
                    @inline(__always) func column(_ j: Int) -> (WinogradLanes, WinogradLanes) {
                        winogradOutputRows(
                            loadLanes(p + j * step), loadLanes(p + (4 + j) * step), loadLanes(p + (8 + j) * step),
                            loadLanes(p + (12 + j) * step))
                    }
                    // Aᵀ M, column by column; then (Aᵀ M) A, row by row.
                    let c0 = column(0), c1 = column(1), c2 = column(2), c3 = column(3)
                    let top = winogradOutputRows(c0.0, c1.0, c2.0, c3.0)
                    let bottom = winogradOutputRows(c0.1, c1.1, c2.1, c3.1)
                    var y00 = top.0 + offset, y01 = top.1 + offset, y10 = bottom.0 + offset, y11 = bottom.1 + offset
                    if rectifies {
                        // As ReLU's `x > 0 ? x : 0`, so a NaN becomes 0 here too.
                        y00.replace(with: 0, where: .!(y00 .> 0))
                        y01.replace(with: 0, where: .!(y01 .> 0))
                        y10.replace(with: 0, where: .!(y10 .> 0))
                        y11.replace(with: 0, where: .!(y11 .> 0))
                    }
                    let y = 2 * ty, x = 2 * tx
                    let hasRight = x + 1 < width, hasBottom = y + 1 < outputHeight
                    for n in images {
                        let lane = n - images.lowerBound
                        let to = output + (n * m + o) * plane + y * width + x
                        to[0] = y00[lane]
                        if hasRight { to[1] = y01[lane] }
                        if hasBottom {
                            to[width] = y10[lane]
                            if hasRight { to[width + 1] = y11[lane] }
                        }
                    }
                }
            }
        }
    }

    /// D[ξ][o][(tile, lane)] = (A dY Aᵀ)[ξ], dY the tile's 2×2 block of gradOutput[first + lane][o],
    /// zero past the plane's edge and for missing images.
    func transformGradient(
        _ gradOutput: UnsafePointer<Float>, images: Range<Int>, into productTiles: UnsafeMutablePointer<Float>
    ) {
        let lanes = Self.lanes, width = outputWidth
        let plane = outputHeight * width, step = productStep
        for o in 0..<m {
            for ty in 0..<tileRows {
                for tx in 0..<tileColumns {
                    let y = 2 * ty, x = 2 * tx
                    let hasRight = x + 1 < width, hasBottom = y + 1 < outputHeight
                    var y00 = WinogradLanes(), y01 = WinogradLanes(), y10 = WinogradLanes(), y11 = WinogradLanes()
                    for n in images {
                        let lane = n - images.lowerBound
                        let from = gradOutput + (n * m + o) * plane + y * width + x
                        y00[lane] = from[0]
                        if hasRight { y01[lane] = from[1] }
                        if hasBottom {
                            y10[lane] = from[width]
                            if hasRight { y11[lane] = from[width + 1] }
                        }
                    }
                    // A dY, column by column; then (A dY) Aᵀ, row by row.
                    let left = winogradGradientRows(y00, y10), right = winogradGradientRows(y01, y11)
                    let d = productTiles + o * laneColumns + (ty * tileColumns + tx) * lanes
                    @inline(__always) func put(_ r: Int, _ row: (WinogradLanes, WinogradLanes)) {
                        let full = winogradGradientRows(row.0, row.1)
                        storeLanes(full.0, d + (4 * r) * step)
                        storeLanes(full.1, d + (4 * r + 1) * step)
                        storeLanes(full.2, d + (4 * r + 2) * step)
                        storeLanes(full.3, d + (4 * r + 3) * step)
                    }
                    put(0, (left.0, right.0))
                    put(1, (left.1, right.1))
                    put(2, (left.2, right.2))
                    put(3, (left.3, right.3))
                }
            }
        }
    }
}

/// One value per image of a group.
typealias WinogradLanes = SIMD8<Float>

/// Bᵀ · (x0, x1, x2, x3) with Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]: the input
/// transform along one axis.
@inline(__always)
private func winogradInputRows(_ x0: WinogradLanes, _ x1: WinogradLanes, _ x2: WinogradLanes, _ x3: WinogradLanes) -> (
    WinogradLanes, WinogradLanes, WinogradLanes, WinogradLanes
) {
    (x0 - x2, x1 + x2, x2 - x1, x1 - x3)
}

@inline(__always)
private func loadLanes(_ p: UnsafePointer<Float>) -> WinogradLanes {
    UnsafeRawPointer(p).loadUnaligned(as: WinogradLanes.self)
}

@inline(__always)
private func storeLanes(_ value: WinogradLanes, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: value, as: WinogradLanes.self)
}

/// Aᵀ · (x0, x1, x2, x3) with Aᵀ = [1 1 1 0; 0 1 −1 −1]: the output transform along one axis.
@inline(__always)
private func winogradOutputRows(
    _ x0: WinogradLanes, _ x1: WinogradLanes, _ x2: WinogradLanes, _ x3: WinogradLanes
) -> (WinogradLanes, WinogradLanes) {
    (x0 + x1 + x2, x1 - x2 - x3)
}

/// A · (x0, x1) with A = [1 0; 1 1; 1 −1; 0 −1], the transpose of the output transform Aᵀ.
@inline(__always)
private func winogradGradientRows(_ x0: WinogradLanes, _ x1: WinogradLanes) -> (
    WinogradLanes, WinogradLanes, WinogradLanes, WinogradLanes
) {
    (x0, x0 + x1, x0 - x1, -x1)
}
