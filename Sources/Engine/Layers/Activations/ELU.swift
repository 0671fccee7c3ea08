#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ELU(x) = x for x > 0, else α(eˣ − 1) (PyTorch's default α is 1).
public struct ELU: ElementwiseFunction {
    /// The scale of the negative part.
    public let alpha: Float

    /// Creates the function.
    public init(alpha: Float = 1) { self.alpha = alpha }
    /// `ELU(alpha=1.0)`.
    public var description: String { "ELU(alpha=\(alpha))" }

    /// y = x if x > 0 else α(eˣ − 1).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        let alpha = self.alpha
        for i in 0..<count { y[i] = x[i] > 0 ? x[i] : alpha * expm1f(x[i]) }
    }

    /// dx = dy if x > 0 else (y + α) · dy, since the derivative α·eˣ equals y + α there.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        let alpha = self.alpha
        for i in 0..<count { dx[i] = x[i] > 0 ? dy[i] : (y[i] + alpha) * dy[i] }
    }
}
