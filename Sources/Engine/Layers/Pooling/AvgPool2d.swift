/// 2-D average pooling, as PyTorch's `nn.AvgPool2d(kernel_size, stride=kernel_size, padding=0)`
/// with its defaults `ceil_mode=False, count_include_pad=True`.
///
/// y[n, c, oh, ow] = (1 / k²) · Σ over the window's pixels x[n, c, oh·s − p + i, ow·s − p + j],
/// 0 ≤ i, j < k: the padding counts as zeros, so every window divides by k², as PyTorch's does
/// in floor mode (no window reaches past the padding).
///
/// - Parameters: none.
/// - Shapes: input (N, C, H, W) → output (N, C, Hout, Wout), Hout = (H + 2·padding − kernel) / stride + 1.
public final class AvgPool2d: StatelessLayer {
    /// Window side, step and padding.
    private let windows: PoolWindows
    private var geometry: PoolWindows?
    private var inputShape: Shape?
    private var output: Tensor?
    private var gradInput: Tensor?

    /// Creates the layer; `stride` defaults to the kernel size, as in PyTorch.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        windows = PoolWindows(kernel: kernelSize, stride: stride ?? kernelSize, padding: padding)
    }

    /// `AvgPool2d(kernel_size=2, stride=2, padding=0)`.
    public var description: String { "AvgPool2d(\(windows.arguments))" }

    /// (N, C, H, W) → (N, C, Hout, Wout).
    public func outputShape(for input: Shape) -> Shape { windows.outputShape(for: input) }

    /// y = the window's sum / k².
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.shape.rank == 4, "\(description) got \(input.shape)")
        let g = windows.over(input.shape)
        let output = Tensor.reusing(self.output, shape: outputShape(for: input.shape))
        parallelRanges(g.planes, work: input.count, AvgPoolForward(g: g, x: input.data, y: output.data))
        geometry = g
        inputShape = input.shape
        self.output = output
        return output
    }

    /// dx = 0, then dx[window] += dy / k² for every output.
    public func backward(gradOutput: Tensor) -> Tensor {
        guard let g = geometry, let inputShape else { preconditionFailure("AvgPool2d.backward before forward") }
        let gradInput = Tensor.reusing(self.gradInput, shape: inputShape)
        parallelRanges(g.planes, work: gradInput.count, AvgPoolBackward(g: g, dy: gradOutput.data, dx: gradInput.data))
        self.gradInput = gradInput
        return gradInput
    }
}

/// The windows' means over a range of planes; 2×2 windows at stride 2 without padding (every
/// classifier's pooling) take a loop over pixel pairs that LLVM vectorises, four times faster.
private struct AvgPoolForward: RangeLoop {
    let g: PoolWindows
    let x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>

    func run(_ planes: Range<Int>) {
        let divisor = Float(g.kernel * g.kernel)
        let isPairs = g.kernel == 2 && g.stride == 2 && g.padding == 0
        for plane in planes {
            let x = self.x + plane * g.height * g.width
            var o = plane * g.outHeight * g.outWidth
            for oh in 0..<g.outHeight {
                if isPairs {
                    // a, b above c, d, summed in the general loop's order: ((a + b) + c) + d.
                    let top = x + 2 &* oh &* g.width, bottom = top + g.width, row = y + o
                    for ow in 0..<g.outWidth {
                        let left = 2 &* ow
                        row[ow] = (top[left] + top[left &+ 1] + bottom[left] + bottom[left &+ 1]) / divisor
                    }
                    o += g.outWidth
                    continue
                }
                let rows = g.span(oh, size: g.height)
                for ow in 0..<g.outWidth {
                    let columns = g.span(ow, size: g.width)
                    var sum: Float = 0
                    for h in rows {
                        let row = x + h * g.width
                        for w in columns { sum += row[w] }
                    }
                    y[o] = sum / divisor
                    o += 1
                }
            }
        }
    }
}

/// dx[window] += dy / k² over a range of planes, each plane zeroed first; with 2×2 windows at
/// stride 2 without padding each pixel has one window, so dx is written once and only the
/// row and column no window reaches (odd sides) are zeroed.
private struct AvgPoolBackward: RangeLoop {
    let g: PoolWindows
    let dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>

    func run(_ planes: Range<Int>) {
        let divisor = Float(g.kernel * g.kernel)
        let inPlane = g.height * g.width
        let isPairs = g.kernel == 2 && g.stride == 2 && g.padding == 0
        for plane in planes {
            let dx = self.dx + plane * inPlane
            var o = plane * g.outHeight * g.outWidth
            if isPairs {
                spread(dy + o, dx, divisor: divisor)
                continue
            }
            dx.update(repeating: 0, count: inPlane)
            for oh in 0..<g.outHeight {
                let rows = g.span(oh, size: g.height)
                for ow in 0..<g.outWidth {
                    let columns = g.span(ow, size: g.width)
                    let share = dy[o] / divisor
                    for h in rows {
                        let row = dx + h * g.width
                        for w in columns { row[w] += share }
                    }
                    o += 1
                }
            }
        }
    }

    /// One plane of 2×2, stride-2 windows: dx = dy / 4 in each window, 0 outside every window.
    private func spread(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, divisor: Float) {
        let width = g.width
        for oh in 0..<g.outHeight {
            let top = dx + 2 &* oh &* width, bottom = top + width, row = dy + oh &* g.outWidth
            for ow in 0..<g.outWidth {
                let share = row[ow] / divisor, left = 2 &* ow
                top[left] = share
                top[left &+ 1] = share
                bottom[left] = share
                bottom[left &+ 1] = share
            }
            if width % 2 == 1 {
                top[width - 1] = 0
                bottom[width - 1] = 0
            }
        }
        if g.height % 2 == 1 { (dx + (g.height - 1) * width).update(repeating: 0, count: width) }
    }
}
