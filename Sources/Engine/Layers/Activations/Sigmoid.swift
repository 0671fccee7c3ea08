#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sigmoid(x) = 1 / (1 + e⁻ˣ); its derivative is y(1 − y).
public struct Sigmoid: ElementwiseFunction {
    /// Creates the function.
    public init() {}
    /// `Sigmoid()`.
    public var description: String { "Sigmoid()" }

    /// y = σ(x), evaluated so that e^|x| never overflows.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = sigmoid(x[i]) }
    }

    /// dx = y(1 − y) · dy.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        for i in 0..<count { dx[i] = y[i] * (1 - y[i]) * dy[i] }
    }
}

/// σ(x) without overflow: e⁻|x| is always in (0, 1].
@inline(__always)
func sigmoid(_ x: Float) -> Float {
    let e = expf(-abs(x))
    return x >= 0 ? 1 / (1 + e) : e / (1 + e)
}
