/// ReLU(x) = max(0, x); its derivative is 1 where the output is positive, else 0 (0 at x = 0, as PyTorch).
public struct ReLU: ElementwiseFunction {
    /// Creates the function.
    public init() {}
    /// `ReLU()`.
    public var description: String { "ReLU()" }

    /// y = max(0, x).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = x[i] > 0 ? x[i] : 0 }
    }

    /// dx = dy where y > 0, else 0.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        for i in 0..<count { dx[i] = y[i] > 0 ? dy[i] : 0 }
    }
}
