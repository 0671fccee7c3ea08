#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ); its derivative is 1 − y².
public struct Tanh: ElementwiseFunction {
    /// Creates the function.
    public init() {}
    /// `Tanh()`.
    public var description: String { "Tanh()" }

    /// y = tanh(x).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] = tanhf(x[i]) }
    }

    /// dx = (1 − y²) · dy.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        for i in 0..<count { dx[i] = (1 - y[i] * y[i]) * dy[i] }
    }
}
