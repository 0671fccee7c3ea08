import TestSupport
import Testing

@testable import Engine

/// A stride-2 geometry: `dimensions` (N, C, H, W), window K and padding, and the grid it gives
/// (what PyTorch's output-size formula gives, or one less, as output padding makes it).
private func strideTwo(_ dimensions: [Int], kernel: Int, padding: Int, grid: (Int, Int)) -> WindowGeometry {
    WindowGeometry(
        batch: dimensions[0], channels: dimensions[1], height: dimensions[2], width: dimensions[3], kernel: kernel,
        stride: 2, padding: padding, columnHeight: grid.0, columnWidth: grid.1)
}

/// The pixel window (oh, ow) of kernel tap (kh, kw) reads, or nil where it falls in the padding.
private func pixel(_ g: WindowGeometry, n: Int, c: Int, kh: Int, kw: Int, oh: Int, ow: Int) -> Int? {
    let ih = oh * g.stride - g.padding + kh, iw = ow * g.stride - g.padding + kw
    guard (0..<g.height).contains(ih), (0..<g.width).contains(iw) else { return nil }
    return ((n * g.channels + c) * g.height + ih) * g.width + iw
}

/// Calls `body(column index, pixel index or nil)` for every entry of the columns of `images`.
private func forEachEntry(_ g: WindowGeometry, images: Range<Int>, _ body: (Int, Int?) -> Void) {
    let width = images.count * g.columnHeight * g.columnWidth
    for c in 0..<g.channels {
        for kh in 0..<g.kernel {
            for kw in 0..<g.kernel {
                let row = (c * g.kernel + kh) * g.kernel + kw
                for n in images {
                    for oh in 0..<g.columnHeight {
                        for ow in 0..<g.columnWidth {
                            let column = ((n - images.lowerBound) * g.columnHeight + oh) * g.columnWidth + ow
                            body(row * width + column, pixel(g, n: n, c: c, kh: kh, kw: kw, oh: oh, ow: ow))
                        }
                    }
                }
            }
        }
    }
}

// The CNN's layers (encoder.2 and decoder.3's 14 → 7, encoder.0 and decoder.5's 28 → 14), a
// grid that output padding left one short, a grid of exactly one eight-lane group, one of
// three groups with a five-wide window, a one-pixel image, and a block that starts mid-batch.
private let geometries: [(WindowGeometry, Range<Int>)] = [
    (strideTwo([3, 2, 14, 14], kernel: 3, padding: 1, grid: (7, 7)), 0..<3),
    (strideTwo([2, 1, 28, 28], kernel: 3, padding: 1, grid: (14, 14)), 0..<2),
    (strideTwo([2, 2, 13, 13], kernel: 3, padding: 1, grid: (6, 6)), 0..<2),
    (strideTwo([1, 2, 17, 17], kernel: 3, padding: 0, grid: (8, 8)), 0..<1),
    (strideTwo([2, 3, 9, 37], kernel: 5, padding: 2, grid: (5, 19)), 0..<2),
    (strideTwo([2, 1, 1, 1], kernel: 3, padding: 1, grid: (1, 1)), 0..<2),
    (strideTwo([5, 2, 14, 14], kernel: 3, padding: 1, grid: (7, 7)), 2..<5),
]

@Test(arguments: geometries)
func strideTwoIm2colCopiesEveryWindowAndZeroesThePadding(g: WindowGeometry, images: Range<Int>) {
    var generator = SeededGenerator(seed: 41)
    let image = randomTensor(Shape(g.batch, g.channels, g.height, g.width), generator: &generator)
    let width = images.count * g.columnHeight * g.columnWidth
    let columns = Tensor(zeros: Shape([g.rows * width + WindowGeometry.laneSlack]))
    let bordered = Tensor(zeros: Shape([g.borderedFloats(images: images.count)]))
    // Scratch and columns hold whatever an earlier layer left: NaN shows any entry not written.
    columns.fill(Float.nan)
    bordered.fill(Float.nan)
    Im2col(
        image: image.data, g: g, columns: columns.data, rowStride: width, firstImage: images.lowerBound,
        bordered: bordered.data
    ).run(images)
    var wrong = 0
    forEachEntry(g, images: images) { column, pixel in
        if columns[column] != pixel.map({ image[$0] }) ?? 0 { wrong += 1 }
    }
    #expect(wrong == 0)
}

@Test(arguments: geometries)
func strideTwoCol2imAddsEveryWindowOntoItsPixel(g: WindowGeometry, images: Range<Int>) {
    var generator = SeededGenerator(seed: 42)
    let width = images.count * g.columnHeight * g.columnWidth
    let columns = randomTensor(Shape([g.rows * width + WindowGeometry.laneSlack]), generator: &generator)
    let start = randomTensor(Shape(g.batch, g.channels, g.height, g.width), generator: &generator)
    var expected = start.values
    forEachEntry(g, images: images) { column, pixel in
        if let pixel { expected[pixel] += columns[column] }
    }
    // The lanes past the last window must be masked out: make them large enough to show.
    for i in (g.rows * width)..<columns.count { columns[i] = 1e6 }
    let image = Tensor(shape: start.shape, values: start.values)
    let bordered = Tensor(zeros: Shape([g.borderedFloats(images: images.count)]))
    bordered.fill(Float.nan)
    Col2im(
        columns: columns.data, rowStride: width, firstImage: images.lowerBound, g: g, image: image.data,
        bordered: bordered.data
    ).run(images)
    let largest = zip(image.values, expected).map { abs($0 - $1) }.max() ?? 0
    #expect(largest < 1e-5)
}
