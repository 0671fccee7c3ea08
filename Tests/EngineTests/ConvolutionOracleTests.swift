import Engine
import TestSupport
import Testing

/// The convolution written as its definition, for comparison (llm.c's `matmul_forward_naive`).
/// input (N, Cin, H, W), weight (Cout, Cin, K, K) → (N, Cout, Hout, Wout)
func naiveConvolution(_ x: Tensor, _ layer: Conv2d) -> [Float] {
    let shape = layer.outputShape(for: x.shape)
    let (n, cin, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (cout, hout, wout, k) = (shape[1], shape[2], shape[3], layer.kernelSize)
    var y = [Float](repeating: 0, count: shape.count)
    for b in 0..<n {
        for o in 0..<cout {
            for oh in 0..<hout {
                for ow in 0..<wout {
                    var sum = layer.bias.value[o]
                    for c in 0..<cin {
                        for kh in 0..<k {
                            for kw in 0..<k {
                                let ih = oh * layer.stride - layer.padding + kh
                                let iw = ow * layer.stride - layer.padding + kw
                                guard ih >= 0, ih < h, iw >= 0, iw < w else { continue }
                                sum +=
                                    layer.weight.value[((o * cin + c) * k + kh) * k + kw]
                                    * x[((b * cin + c) * h + ih) * w + iw]
                            }
                        }
                    }
                    y[((b * cout + o) * hout + oh) * wout + ow] = sum
                }
            }
        }
    }
    return y
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

private func maxDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
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
