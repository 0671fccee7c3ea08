import TestSupport
import Testing

@testable import Engine

/// Calls `body(y, x, w)` with the flat indices of every output, input and weight element that
/// the convolution's definition multiplies: y[n, o, oh, ow] += W[o, c, kh, kw] · x[n, c, ih, iw],
/// in the order of the definition's sums.
private func forEachConvolutionTap(input: Shape, _ layer: Conv2d, _ body: (Int, Int, Int) -> Void) {
    let output = layer.outputShape(for: input)
    let (n, cin, h, w) = (input[0], input[1], input[2], input[3])
    let (cout, hout, wout, k) = (output[1], output[2], output[3], layer.kernelSize)
    for b in 0..<n {
        for o in 0..<cout {
            for oh in 0..<hout {
                for ow in 0..<wout {
                    for c in 0..<cin {
                        for kh in 0..<k {
                            for kw in 0..<k {
                                let ih = oh * layer.stride - layer.padding + kh
                                let iw = ow * layer.stride - layer.padding + kw
                                guard ih >= 0, ih < h, iw >= 0, iw < w else { continue }
                                body(
                                    ((b * cout + o) * hout + oh) * wout + ow, ((b * cin + c) * h + ih) * w + iw,
                                    ((o * cin + c) * k + kh) * k + kw)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The convolution written as its definition, for comparison (llm.c's `matmul_forward_naive`).
/// input (N, Cin, H, W), weight (Cout, Cin, K, K) → (N, Cout, Hout, Wout)
func naiveConvolution(_ x: Tensor, _ layer: Conv2d) -> [Float] {
    let shape = layer.outputShape(for: x.shape)
    let plane = shape[2] * shape[3]
    var y = (0..<shape.count).map { layer.bias.value[$0 / plane % shape[1]] }
    forEachConvolutionTap(input: x.shape, layer) { yi, xi, wi in y[yi] += layer.weight.value[wi] * x[xi] }
    return y
}

/// dx and dW of a convolution written as their definitions, from dy = ∂L/∂y.
private func naiveConvolutionGradients(_ x: Tensor, _ dy: Tensor, _ layer: Conv2d) -> (input: [Float], weight: [Float])
{
    var dx = [Float](repeating: 0, count: x.count), dw = [Float](repeating: 0, count: layer.weight.value.count)
    forEachConvolutionTap(input: x.shape, layer) { yi, xi, wi in
        dx[xi] += dy[yi] * layer.weight.value[wi]
        dw[wi] += dy[yi] * x[xi]
    }
    return (dx, dw)
}

/// The transposed convolution written as its definition: every input pixel scatters its
/// weighted kernel into the output. input (N, Cin, H, W), weight (Cin, Cout, K, K).
func naiveTransposedConvolution(_ x: Tensor, _ layer: ConvTranspose2d) -> [Float] {
    let shape = layer.outputShape(for: x.shape)
    let (n, cin, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (cout, hout, wout, k) = (shape[1], shape[2], shape[3], layer.kernelSize)
    var y = [Float](repeating: 0, count: shape.count)
    for b in 0..<n {
        for o in 0..<cout {
            for i in 0..<(hout * wout) { y[(b * cout + o) * hout * wout + i] = layer.bias.value[o] }
        }
        for c in 0..<cin {
            for ih in 0..<h {
                for iw in 0..<w {
                    let value = x[((b * cin + c) * h + ih) * w + iw]
                    for o in 0..<cout {
                        for kh in 0..<k {
                            for kw in 0..<k {
                                let oh = ih * layer.stride - layer.padding + kh
                                let ow = iw * layer.stride - layer.padding + kw
                                guard oh >= 0, oh < hout, ow >= 0, ow < wout else { continue }
                                y[((b * cout + o) * hout + oh) * wout + ow] +=
                                    value * layer.weight.value[((c * cout + o) * k + kh) * k + kw]
                            }
                        }
                    }
                }
            }
        }
    }
    return y
}

/// The largest difference of two results, or infinity when their sizes differ.
private func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    a.count == b.count ? zip(a, b).map { abs($0 - $1) }.max() ?? 0 : .infinity
}

// The last case is large enough for im2col to split the batch across cores.
@Test(arguments: [
    (1, 0, [3, 2, 5, 5]), (2, 1, [2, 3, 28, 28]), (2, 1, [2, 3, 7, 9]), (1, 1, [1, 4, 7, 7]), (2, 1, [16, 4, 28, 28]),
])
func conv2dMatchesTheNaiveDefinition(stride: Int, padding: Int, dimensions: [Int]) {
    var generator = SeededGenerator(seed: 31)
    let layer = Conv2d(dimensions[1], 5, kernelSize: 3, stride: stride, padding: padding, generator: &generator)
    let x = randomTensor(Shape(dimensions), generator: &generator)
    let y = layer.forward(x)
    #expect(y.shape == layer.outputShape(for: x.shape))
    #expect(maxDifference(y.values, naiveConvolution(x, layer)) < 1e-5)
}

@Test(arguments: [
    (2, 1, 1, [2, 3, 7, 7]), (1, 0, 0, [1, 2, 4, 4]), (2, 1, 1, [2, 4, 14, 14]), (3, 0, 2, [1, 2, 3, 5]),
])
func convTranspose2dMatchesTheNaiveDefinition(stride: Int, padding: Int, outputPadding: Int, dimensions: [Int]) {
    var generator = SeededGenerator(seed: 32)
    let layer = ConvTranspose2d(
        dimensions[1], 3, kernelSize: 3, stride: stride, padding: padding, outputPadding: outputPadding,
        generator: &generator)
    let x = randomTensor(Shape(dimensions), generator: &generator)
    let y = layer.forward(x)
    #expect(y.shape == layer.outputShape(for: x.shape))
    #expect(maxDifference(y.values, naiveTransposedConvolution(x, layer)) < 1e-5)
}

@Test func theReferenceShapesFollowPyTorchsFormulas() {
    var generator = SeededGenerator(seed: 33)
    let conv = Conv2d(1, 32, kernelSize: 3, stride: 2, padding: 1, generator: &generator)
    let up = ConvTranspose2d(64, 32, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, generator: &generator)
    #expect(conv.outputShape(for: [128, 1, 28, 28]) == [128, 32, 14, 14])
    #expect(up.outputShape(for: [128, 64, 7, 7]) == [128, 32, 14, 14])
}

/// At this size the bias passes (adding b to every output, summing dy into db) are split across
/// cores: the results must still be the definitions'.
@Test func largeBatchesKeepTheBiasPassesExact() {
    var generator = SeededGenerator(seed: 34)
    let conv = Conv2d(2, 8, kernelSize: 3, stride: 2, padding: 1, generator: &generator)
    let x = randomTensor(Shape(32, 2, 32, 32), generator: &generator)
    let y = conv.forward(x)  // (32, 8, 16, 16): 65,536 outputs
    let dy = randomTensor(y.shape, generator: &generator)
    conv.zeroGrad()
    _ = conv.backward(gradOutput: dy)
    let plane = 16 * 16
    for channel in 0..<8 {
        var expected = 0.0
        for n in 0..<32 {
            for p in 0..<plane { expected += Double(dy[(n * 8 + channel) * plane + p]) }
        }
        #expect(abs(Double(conv.bias.grad[channel]) - expected) < 1e-3, "db[\(channel)]")
    }
    let up = ConvTranspose2d(4, 8, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, generator: &generator)
    let small = randomTensor(Shape(32, 4, 16, 16), generator: &generator)
    #expect(maxDifference(up.forward(small).values, naiveTransposedConvolution(small, up)) < 1e-5)
}

// Batches this large unfold in several blocks per core and sum per-core weight gradients, which
// the small gradient-check shapes never reach: the results must still be the definitions'. The
// last case gives each of two cores 13 images in blocks of 4 (150 rows × 210 columns each), so
// its one-image remainder joins the block before it.
@Test(arguments: [
    (1, 2, 5, [24, 6, 20, 20]), (1, 1, 3, [24, 6, 20, 20]), (2, 1, 3, [24, 6, 20, 20]), (1, 2, 5, [26, 6, 14, 15]),
])
func largeBatchGradientsMatchTheNaiveDefinition(stride: Int, padding: Int, kernel: Int, dimensions: [Int]) {
    var generator = SeededGenerator(seed: 35)
    let layer = Conv2d(6, 5, kernelSize: kernel, stride: stride, padding: padding, generator: &generator)
    let x = randomTensor(Shape(dimensions), generator: &generator)
    let dy = randomTensor(layer.outputShape(for: x.shape), generator: &generator)
    #expect(maxDifference(layer.forward(x).values, naiveConvolution(x, layer)) < 1e-4)
    layer.zeroGrad()
    let dx = layer.backward(gradOutput: dy)
    let expected = naiveConvolutionGradients(x, dy, layer)
    #expect(maxDifference(dx.values, expected.input) < 1e-4)
    #expect(maxDifference(layer.weight.grad.values, expected.weight) < 2e-3)
}

// A core's images unfold in blocks of `blockImages`; a remainder under half a block joins the
// block before it, so no block is thin (a one-image tail made OpenBLAS's AVX-512 small kernel
// allocate), and no block is larger than `largestBlock`, which sizes the panel.
@Test(arguments: [
    (64, 9, [9, 9, 9, 9, 9, 9, 10]),  // the CNN's encoder.2: 64 images a core, 9 a block
    (13, 4, [4, 4, 5]),
    (14, 4, [4, 4, 4, 2]),
    (3, 9, [3]),
    (5, 1, [1, 1, 1, 1, 1]),
])
func unfoldedBlocksNeverEndThin(images: Int, blockImages: Int, blocks: [Int]) {
    var sizes: [Int] = [], first = 0
    while first < images {
        let count = UnfoldedBlocks.images(remaining: images - first, blockImages: blockImages)
        sizes.append(count)
        first += count
    }
    #expect(sizes == blocks)
    #expect(sizes.allSatisfy { $0 <= UnfoldedBlocks.largestBlock(blockImages) })
}

// 3×3 convolutions with stride 1 and padding 1, or padding 0 over several channels, run as
// Winograd F(2×2, 3×3) on 2×2 tiles of eight images at a time (the input gradient of padding 0
// with padding 2): odd and one-pixel planes clip the last tiles, batches that are not a multiple
// of eight leave lanes empty, an empty batch has no group, and channel counts need not be
// multiples of anything. The padding-0 cases include the classifier convnet's second layer.
@Test(arguments: [
    (1, [1, 3, 1, 1]), (1, [9, 5, 5, 6]), (1, [3, 2, 2, 3]), (1, [17, 9, 7, 7]), (1, [0, 4, 5, 5]),
    (0, [9, 5, 5, 6]), (0, [3, 2, 3, 4]), (0, [17, 9, 13, 13]), (0, [0, 4, 5, 5]), (0, [10, 32, 13, 13]),
])
func winogradConvolutionsMatchTheNaiveDefinition(padding: Int, dimensions: [Int]) {
    var generator = SeededGenerator(seed: 37)
    let layer = Conv2d(dimensions[1], 7, kernelSize: 3, stride: 1, padding: padding, generator: &generator)
    let x = randomTensor(Shape(dimensions), generator: &generator)
    let y = layer.forward(x)
    #expect(layer.tookWinograd)
    #expect(y.shape == Shape(dimensions[0], 7, dimensions[2] + 2 * padding - 2, dimensions[3] + 2 * padding - 2))
    #expect(maxDifference(y.values, naiveConvolution(x, layer)) < 1e-5)
    let dy = randomTensor(y.shape, generator: &generator)
    layer.zeroGrad()
    let dx = layer.backward(gradOutput: dy)
    let expected = naiveConvolutionGradients(x, dy, layer)
    #expect(maxDifference(dx.values, expected.input) < 1e-5)
    // Each dW sums batch × plane products of order one: over a thousand of them, float
    // rounding alone, in either order of summation, reaches 1e-4.
    let products = dimensions[0] * (dimensions[2] + 2 * padding - 2) * (dimensions[3] + 2 * padding - 2)
    #expect(maxDifference(layer.weight.grad.values, expected.weight) < (products > 1000 ? 1e-3 : 1e-4))
}

/// A transposed convolution's dW and dx follow from its adjoint: y = convᵀ(x), so
/// dx = conv(dy) with the same weights and dW[c, o] = Σ x[n, c] ⋆ dy[n, o].
@Test func largeBatchTransposedGradientsMatchTheNaiveDefinition() {
    var generator = SeededGenerator(seed: 36)
    let up = ConvTranspose2d(5, 16, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, generator: &generator)
    let x = randomTensor(Shape(24, 5, 10, 10), generator: &generator)
    let y = up.forward(x)
    let dy = randomTensor(y.shape, generator: &generator)
    up.zeroGrad()
    let dx = up.backward(gradOutput: dy)
    // The convolution 16 → 5 whose input gradient is `up`'s forward has the same weight tensor.
    let conv = Conv2d(16, 5, kernelSize: 3, stride: 2, padding: 1, generator: &generator)
    _ = conv.weight.value.buffer.update(fromContentsOf: up.weight.value.buffer)
    conv.bias.value.fill(0)
    #expect(maxDifference(dx.values, naiveConvolution(dy, conv)) < 1e-4)
    // dW of `up` is dW of that convolution with x as its output gradient and dy as its input.
    #expect(maxDifference(up.weight.grad.values, naiveConvolutionGradients(dy, x, conv).weight) < 2e-3)
}

// One-channel images with 3×3 windows, stride 1 and no padding are convolved directly, 16 output
// columns at a time: rows narrower than 16 take the scalar loop, a row of exactly 16 one vector,
// and wider rows end in a vector that overlaps the one before it (the convnet's 26 columns, and
// 33). Every other one-channel convolution works from each image's tap planes
// (SingleChannelProducts): 5×5 and 1×1 windows, the CNN VAE's first layer (14×14 = 196
// positions, a last vector overlapping the one before), a plane of 20, planes narrower than a
// vector (9 and 4), and a batch of one, which one core takes alone. dx is the folded product of
// the tap planes in every case. A 250×250 image's nine planes (9 × 125² floats) are larger than
// an unfolded panel, so it takes the blocked products instead (`usesTapPlanes`).
@Test(arguments: [
    (3, 1, 0, [2, 1, 8, 9]), (3, 1, 0, [3, 1, 18, 18]), (3, 1, 0, [9, 1, 28, 28]), (5, 1, 0, [2, 1, 12, 37]),
    (1, 1, 0, [2, 1, 3, 20]), (3, 2, 1, [5, 1, 28, 28]), (3, 2, 1, [3, 1, 7, 9]), (3, 2, 1, [2, 1, 5, 5]),
    (5, 1, 0, [3, 1, 12, 20]), (2, 2, 0, [1, 1, 4, 4]), (3, 2, 1, [1, 1, 250, 250]),
])
func oneChannelConvolutionsMatchTheNaiveDefinition(kernel: Int, stride: Int, padding: Int, dimensions: [Int]) {
    var generator = SeededGenerator(seed: 38)
    let layer = Conv2d(1, 6, kernelSize: kernel, stride: stride, padding: padding, generator: &generator)
    let x = randomTensor(Shape(dimensions), generator: &generator)
    let y = layer.forward(x)
    let side = { (size: Int) in (size + 2 * padding - kernel) / stride + 1 }
    #expect(y.shape == Shape(dimensions[0], 6, side(dimensions[2]), side(dimensions[3])))
    #expect(maxDifference(y.values, naiveConvolution(x, layer)) < 1e-5)
    let dy = randomTensor(y.shape, generator: &generator)
    layer.zeroGrad()
    let dx = layer.backward(gradOutput: dy)
    let expected = naiveConvolutionGradients(x, dy, layer)
    #expect(maxDifference(dx.values, expected.input) < 1e-5)
    // Each dW sums batch × plane products of order one; float rounding grows with their count.
    let products = y.shape[0] * y.shape[2] * y.shape[3]
    #expect(maxDifference(layer.weight.grad.values, expected.weight) < 1e-3 * Float(max(1, products / 5_000)))
}

/// A transposed convolution to one channel (the CNN VAE's last layer) is the adjoint of the
/// one-channel convolution with the same weights: y = convᵀ(x), dx = conv(dy), and dW is that
/// convolution's dW with dy as its input and x as its output gradient.
@Test(arguments: [[6, 4, 14, 14], [3, 5, 7, 7], [2, 3, 2, 3]])
func oneChannelTransposedConvolutionsMatchTheirAdjoint(dimensions: [Int]) {
    var generator = SeededGenerator(seed: 40)
    let up = ConvTranspose2d(
        dimensions[1], 1, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, generator: &generator)
    up.bias.value.fill(0)
    let x = randomTensor(Shape(dimensions), generator: &generator)
    let y = up.forward(x)
    let conv = Conv2d(1, dimensions[1], kernelSize: 3, stride: 2, padding: 1, generator: &generator)
    _ = conv.weight.value.buffer.update(fromContentsOf: up.weight.value.buffer)
    conv.bias.value.fill(0)
    #expect(maxDifference(y.values, naiveConvolutionGradients(Tensor(zeros: y.shape), x, conv).input) < 1e-5)
    let dy = randomTensor(y.shape, generator: &generator)
    up.zeroGrad()
    let dx = up.backward(gradOutput: dy)
    #expect(maxDifference(dx.values, naiveConvolution(dy, conv)) < 1e-5)
    #expect(maxDifference(up.weight.grad.values, naiveConvolutionGradients(dy, x, conv).weight) < 1e-3)
}

/// The tap planes serve one-channel geometries whose nine (or K·K) planes fit in an unfolded
/// panel of 131,072 floats; more channels, or a larger image, take the blocked products.
@Test(arguments: [
    (1, 28, 3, 2, 1, true), (1, 240, 3, 2, 1, true), (1, 250, 3, 2, 1, false), (2, 28, 3, 2, 1, false),
    (1, 28, 5, 1, 0, true),
])
func tapPlanesServeSmallOneChannelGeometries(
    channels: Int, side: Int, kernel: Int, stride: Int, padding: Int, usesTapPlanes: Bool
) {
    let grid = (side + 2 * padding - kernel) / stride + 1
    let g = WindowGeometry(
        batch: 4, channels: channels, height: side, width: side, kernel: kernel, stride: stride, padding: padding,
        columnHeight: grid, columnWidth: grid)
    #expect(g.usesTapPlanes == usesTapPlanes)
}
