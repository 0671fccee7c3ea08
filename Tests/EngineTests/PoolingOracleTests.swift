import Engine
import TestSupport
import Testing

/// One pooling configuration for the oracle: kernel, stride, padding and input shape.
struct PoolingCase: CustomTestStringConvertible, Sendable {
    let kernel: Int, stride: Int, padding: Int
    let inputShape: Shape
    var testDescription: String { "k\(kernel) s\(stride) p\(padding) on \(inputShape)" }
}

// Odd sides, sides the windows do not tile (a tail of pixels no window reaches), overlapping
// windows, gaps between windows, padding, and batches of several images and channels.
private let poolingCases: [PoolingCase] = [
    PoolingCase(kernel: 2, stride: 2, padding: 0, inputShape: [3, 2, 7, 9]),
    PoolingCase(kernel: 2, stride: 2, padding: 1, inputShape: [2, 3, 5, 6]),
    PoolingCase(kernel: 3, stride: 2, padding: 1, inputShape: [2, 2, 9, 7]),
    PoolingCase(kernel: 3, stride: 1, padding: 0, inputShape: [1, 3, 6, 5]),
    PoolingCase(kernel: 3, stride: 3, padding: 0, inputShape: [2, 1, 10, 11]),
    PoolingCase(kernel: 2, stride: 3, padding: 1, inputShape: [1, 2, 8, 7]),
    PoolingCase(kernel: 5, stride: 2, padding: 2, inputShape: [2, 2, 13, 13]),
    PoolingCase(kernel: 1, stride: 1, padding: 0, inputShape: [1, 1, 3, 4]),
    PoolingCase(kernel: 2, stride: 2, padding: 0, inputShape: [5, 7, 28, 28]),
]

/// Calls `body(o, i)` for every output element o of a pooling and every input element i in its
/// window (padding skipped), in the definition's order: outputs row-major, then the window's rows
/// and columns. Indices are flat over the whole (N, C, ·, ·) tensors.
private func forEachWindowPixel(_ c: PoolingCase, _ body: (_ output: Int, _ input: Int) -> Void) {
    let (planes, h, w) = (c.inputShape[0] * c.inputShape[1], c.inputShape[2], c.inputShape[3])
    let outH = (h + 2 * c.padding - c.kernel) / c.stride + 1
    let outW = (w + 2 * c.padding - c.kernel) / c.stride + 1
    for plane in 0..<planes {
        for oh in 0..<outH {
            for ow in 0..<outW {
                for i in 0..<c.kernel {
                    for j in 0..<c.kernel {
                        let ih = oh * c.stride - c.padding + i, iw = ow * c.stride - c.padding + j
                        guard ih >= 0, ih < h, iw >= 0, iw < w else { continue }
                        body((plane * outH + oh) * outW + ow, (plane * h + ih) * w + iw)
                    }
                }
            }
        }
    }
}

/// Max pooling by its definition: y = the window's first largest value; dx[that pixel] += dy.
private func naiveMaxPool(_ c: PoolingCase, _ x: Tensor, _ dy: Tensor) -> (output: [Float], gradInput: [Float]) {
    var best = [Int](repeating: -1, count: dy.count)
    forEachWindowPixel(c) { o, i in
        if best[o] < 0 || x[i] > x[best[o]] { best[o] = i }
    }
    var dx = [Float](repeating: 0, count: x.count)
    for (o, i) in best.enumerated() { dx[i] += dy[o] }
    return (best.map { x[$0] }, dx)
}

/// Average pooling by its definition, padding counted: y = Σ window / k²; dx[window] += dy / k².
private func naiveAvgPool(_ c: PoolingCase, _ x: Tensor, _ dy: Tensor) -> (output: [Float], gradInput: [Float]) {
    let area = Float(c.kernel * c.kernel)
    var y = [Float](repeating: 0, count: dy.count), dx = [Float](repeating: 0, count: x.count)
    forEachWindowPixel(c) { o, i in
        y[o] += x[i]
        dx[i] += dy[o] / area
    }
    return (y.map { $0 / area }, dx)
}

/// Runs `layer` forward and backward on seeded random x and dy.
private func run(_ layer: any Layer, _ c: PoolingCase) -> (x: Tensor, dy: Tensor, y: [Float], dx: [Float]) {
    var generator = SeededGenerator(seed: 31)
    let x = randomTensor(c.inputShape, generator: &generator)
    let dy = randomTensor(layer.outputShape(for: c.inputShape), generator: &generator)
    let y = layer.forward(x).values
    return (x, dy, y, layer.backward(gradOutput: dy).values)
}

@Test(arguments: poolingCases)
func maxPoolingMatchesItsDefinition(_ c: PoolingCase) {
    let layer = MaxPool2d(kernelSize: c.kernel, stride: c.stride, padding: c.padding)
    let (x, dy, y, dx) = run(layer, c)
    let expected = naiveMaxPool(c, x, dy)
    #expect(y == expected.output)
    #expect(dx == expected.gradInput)
}

@Test(arguments: poolingCases)
func averagePoolingMatchesItsDefinition(_ c: PoolingCase) {
    let layer = AvgPool2d(kernelSize: c.kernel, stride: c.stride, padding: c.padding)
    let (x, dy, y, dx) = run(layer, c)
    let expected = naiveAvgPool(c, x, dy)
    #expect(zip(y, expected.output).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
    #expect(zip(dx, expected.gradInput).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
    #expect(y.count == expected.output.count && dx.count == expected.gradInput.count)
}

/// A window whose maximum occurs twice sends the whole gradient to the first in row-major order,
/// as PyTorch does; a NaN in a window is its maximum, as in PyTorch. Both the 2×2, stride-2 loop
/// and the general one (stride 3 here, leaving column 2 out) are checked.
@Test(arguments: [(2, [Float(1), 3, .nan, 0, 3, 2, 5, 5]), (3, [1, 3, 7, .nan, 0, 3, 2, 7, 5, 5])])
func maxPoolingGivesTiesToTheFirstMaximumAndNaNWins(stride: Int, values: [Float]) {
    let layer = MaxPool2d(kernelSize: 2, stride: stride)
    let width = values.count / 2
    let x = Tensor(shape: [1, 1, 2, width], values: values)
    let y = layer.forward(x).values
    #expect(y.count == 2 && y[0] == 3 && y[1].isNaN)
    let dx = layer.backward(gradOutput: Tensor(shape: [1, 1, 1, 2], values: [10, 20])).values
    var expected = [Float](repeating: 0, count: values.count)
    expected[1] = 10
    expected[stride] = 20
    #expect(dx == expected)
}

@Test func poolingLayersPrintAsPyTorch() {
    #expect(
        MaxPool2d(kernelSize: 2).description
            == "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)")
    #expect(
        MaxPool2d(kernelSize: 3, stride: 2, padding: 1).description
            == "MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)")
    #expect(AvgPool2d(kernelSize: 2).description == "AvgPool2d(kernel_size=2, stride=2, padding=0)")
    #expect(
        AvgPool2d(kernelSize: 3, stride: 1, padding: 1).description == "AvgPool2d(kernel_size=3, stride=1, padding=1)")
    #expect(MaxPool2d(kernelSize: 2).outputShape(for: [128, 32, 13, 13]) == [128, 32, 6, 6])
    #expect(AvgPool2d(kernelSize: 3, stride: 2, padding: 1).outputShape(for: [1, 2, 7, 6]) == [1, 2, 4, 3])
}
