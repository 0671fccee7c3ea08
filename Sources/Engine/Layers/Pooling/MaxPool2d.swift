/// 2-D max pooling, as PyTorch's `nn.MaxPool2d(kernel_size, stride=kernel_size, padding=0)`.
///
/// y[n, c, oh, ow] = max over the window's pixels x[n, c, oh·s − p + i, ow·s − p + j], 0 ≤ i, j < k,
/// skipping the padding (PyTorch pads with −∞). Ties go to the first maximum in row-major order,
/// and a NaN wins over any number, exactly as PyTorch's CPU kernel (`val > max || isnan(val)`).
/// Forward keeps each output's argmax; backward sends dy there, adding where windows overlap.
///
/// - Parameters: none.
/// - Shapes: input (N, C, H, W) → output (N, C, Hout, Wout), Hout = (H + 2·padding − kernel) / stride + 1.
public final class MaxPool2d: StatelessLayer {
    /// Window side, step and padding.
    private let windows: PoolWindows
    private var geometry: PoolWindows?
    private var inputShape: Shape?
    /// Each output's argmax, as an index into its input plane.
    private let argmax = IndexBuffer()
    private var output: Tensor?
    private var gradInput: Tensor?
    /// Whether the input is a ReLU's output whose backward this layer does (`fuseReLUs`): dy
    /// then reaches an argmax only where the window's maximum is positive.
    var inputIsRectified = false

    /// Creates the layer; `stride` defaults to the kernel size, as in PyTorch.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        windows = PoolWindows(kernel: kernelSize, stride: stride ?? kernelSize, padding: padding)
    }

    /// `MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)`.
    public var description: String { "MaxPool2d(\(windows.arguments), dilation=1, ceil_mode=False)" }

    /// (N, C, H, W) → (N, C, Hout, Wout).
    public func outputShape(for input: Shape) -> Shape { windows.outputShape(for: input) }

    /// y = the window's maximum; the argmax is kept for backward.
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.shape.rank == 4, "\(description) got \(input.shape)")
        let g = windows.over(input.shape)
        let output = Tensor.reusing(self.output, shape: outputShape(for: input.shape))
        argmax.reserve(output.count)
        parallelRanges(
            g.planes, work: input.count, MaxPoolForward(g: g, x: input.data, y: output.data, argmax: argmax.pointer))
        geometry = g
        inputShape = input.shape
        self.output = output
        return output
    }

    /// dx = 0, then dx[argmax] += dy for every output (only where the output is positive, if
    /// `inputIsRectified`).
    public func backward(gradOutput: Tensor) -> Tensor {
        guard let g = geometry, let inputShape, let output else {
            preconditionFailure("MaxPool2d.backward before forward")
        }
        let gradInput = Tensor.reusing(self.gradInput, shape: inputShape)
        parallelRanges(
            g.planes, work: gradInput.count,
            MaxPoolBackward(
                g: g, dy: gradOutput.data, argmax: argmax.pointer, mask: inputIsRectified ? output.data : nil,
                dx: gradInput.data))
        self.gradInput = gradInput
        return gradInput
    }
}

/// The windows' maxima and their positions over a range of planes.
///
/// Each pixel replaces the running maximum by a select, not a branch: on real activations
/// whether a pixel beats the maximum is a coin toss, and the mispredicted branches made this
/// pass three times slower than the convolution before it. 2×2 windows at stride 2 without
/// padding (every classifier's pooling) take a loop with the four pixels unrolled.
private struct MaxPoolForward: RangeLoop {
    let g: PoolWindows
    let x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>

    func run(_ planes: Range<Int>) {
        let outPlane = g.outHeight * g.outWidth
        let isPairs = g.kernel == 2 && g.stride == 2 && g.padding == 0
        for plane in planes {
            let x = self.x + plane * g.height * g.width
            let o = plane * outPlane
            if isPairs {
                pairs(x, y + o, argmax + o)
            } else {
                windows(x, y + o, argmax + o)
            }
        }
    }

    /// Any windows over one plane: the running maximum of each, in row-major order.
    private func windows(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ argmax: UnsafeMutablePointer<Int32>
    ) {
        var o = 0
        for oh in 0..<g.outHeight {
            let rows = g.span(oh, size: g.height)
            for ow in 0..<g.outWidth {
                let columns = g.span(ow, size: g.width)
                var best = rows.lowerBound * g.width + columns.lowerBound
                var maximum = -Float.infinity
                for h in rows {
                    for w in columns {
                        let index = h * g.width + w
                        let value = x[index]
                        let better = value > maximum || value != value  // NaN ≠ NaN; see `keepLarger`
                        maximum = better ? value : maximum
                        best = better ? index : best
                    }
                }
                y[o] = maximum
                argmax[o] = Int32(truncatingIfNeeded: best)
                o += 1
            }
        }
    }

    /// 2×2 windows at stride 2 without padding over one plane: a, b above c, d. Written as plain
    /// scalar selects, which LLVM vectorises itself; eight-lane loads split into even and odd
    /// halves by hand measured twice as slow (2.6 against 1.4 ms on 128×32×26×26, one core).
    private func pairs(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ argmax: UnsafeMutablePointer<Int32>
    ) {
        let width = g.width, outWidth = g.outWidth
        for oh in 0..<g.outHeight {
            let rowStart = 2 &* oh &* width
            let top = x + rowStart, bottom = top + width
            let yRow = y + oh &* outWidth, argmaxRow = argmax + oh &* outWidth
            for ow in 0..<outWidth {
                let left = 2 &* ow
                // The first pixel always becomes the maximum (−∞ only stays −∞), then each later
                // one replaces it when larger or NaN, as in `windows`.
                var maximum = top[left], best = rowStart &+ left
                keepLarger(top[left &+ 1], rowStart &+ left &+ 1, &maximum, &best)
                keepLarger(bottom[left], rowStart &+ width &+ left, &maximum, &best)
                keepLarger(bottom[left &+ 1], rowStart &+ width &+ left &+ 1, &maximum, &best)
                yRow[ow] = maximum
                argmaxRow[ow] = Int32(truncatingIfNeeded: best)
            }
        }
    }
}

/// maximum, best = value, index where value > maximum or value is NaN: PyTorch's rule, as selects.
/// NaN is tested as `value != value`, one compare: `isNaN` takes the bits apart with a branch.
@inline(__always)
private func keepLarger(_ value: Float, _ index: Int, _ maximum: inout Float, _ best: inout Int) {
    let take = value > maximum || value != value
    maximum = take ? value : maximum
    best = take ? index : best
}

/// dx[argmax] += dy over a range of planes, each plane zeroed first.
private struct MaxPoolBackward: RangeLoop {
    let g: PoolWindows
    let dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>
    /// The forward's output, when dy counts only where it is positive (ReLU's backward, fused).
    let mask: UnsafePointer<Float>?
    let dx: UnsafeMutablePointer<Float>

    func run(_ planes: Range<Int>) {
        let inPlane = g.height * g.width, outPlane = g.outHeight * g.outWidth
        for plane in planes {
            let dx = self.dx + plane * inPlane
            dx.update(repeating: 0, count: inPlane)
            let outputs = (plane * outPlane)..<((plane + 1) * outPlane)
            if let mask {
                // As ReLU's backward selects: `y > 0 ? dy : 0`.
                for o in outputs { dx[Int(argmax[o])] += mask[o] > 0 ? dy[o] : 0 }
            } else {
                for o in outputs { dx[Int(argmax[o])] += dy[o] }
            }
        }
    }
}

/// Int32s the layer owns and reuses across steps, grown when a larger batch needs more.
final class IndexBuffer {
    private(set) var pointer = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    private var capacity = 1

    /// Makes room for `count` indices; the contents are not kept when it grows.
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        pointer.deallocate()
        pointer = .allocate(capacity: count)
        capacity = count
    }

    deinit { pointer.deallocate() }
}
