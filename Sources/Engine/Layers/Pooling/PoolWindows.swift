/// The windows of a 2-D pooling layer over one batch: square `kernel`×`kernel` windows every
/// `stride` pixels, over planes padded by `padding` on every side, in PyTorch's floor mode
/// (a window that would start in the padding past the last pixel is dropped).
///
/// - Shapes: planes N·C of H×W in, planes of outHeight×outWidth out,
///   outHeight = (H + 2·padding − kernel) / stride + 1 (rounded down), and the same for the width.
struct PoolWindows {
    /// Window side, step and padding.
    let kernel: Int, stride: Int, padding: Int
    /// N·C: every image's every channel is pooled on its own.
    var planes = 0
    /// The input plane's and the output plane's sides.
    var height = 0, width = 0, outHeight = 0, outWidth = 0

    /// The windows of one layer, before it sees an input.
    init(kernel: Int, stride: Int, padding: Int) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    /// The same windows laid over an input of shape (N, C, H, W).
    func over(_ input: Shape) -> PoolWindows {
        var windows = self
        windows.planes = input[0] * input[1]
        windows.height = input[2]
        windows.width = input[3]
        windows.outHeight = (input[2] + 2 * padding - kernel) / stride + 1
        windows.outWidth = (input[3] + 2 * padding - kernel) / stride + 1
        return windows
    }

    /// (N, C, H, W) → (N, C, outHeight, outWidth).
    func outputShape(for input: Shape) -> Shape {
        let windows = over(input)
        return Shape(input[0], input[1], windows.outHeight, windows.outWidth)
    }

    /// The rows (or columns) of an input side of `size` pixels that output row (or column) `index`
    /// covers, with the padding cut off.
    @inline(__always)
    func span(_ index: Int, size: Int) -> Range<Int> {
        let start = index * stride - padding
        return max(start, 0)..<min(start + kernel, size)
    }

    /// `kernel_size=2, stride=2, padding=0`, as PyTorch prints a pooling module's arguments.
    var arguments: String { "kernel_size=\(kernel), stride=\(stride), padding=\(padding)" }
}
