#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GELU(x) = x · Φ(x) with the exact normal CDF Φ(x) = ½(1 + erf(x/√2)), PyTorch's default form.
/// Its derivative is Φ(x) + x · φ(x), with φ the normal density.
public struct GELU: ElementwiseFunction {
    /// Creates the function.
    public init() {}
    /// `GELU(approximate='none')`.
    public var description: String { "GELU(approximate='none')" }

    /// y = x · Φ(x).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.707_106_77
        for i in 0..<count { y[i] = 0.5 * x[i] * (1 + erff(x[i] * inverseRoot2)) }
    }

    /// dx = (Φ(x) + x · φ(x)) · dy.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        let inverseRoot2: Float = 0.707_106_77
        let inverseRoot2Pi: Float = 0.398_942_28
        for i in 0..<count {
            let v = x[i]
            let cdf = 0.5 * (1 + erff(v * inverseRoot2))
            let density = inverseRoot2Pi * expf(-0.5 * v * v)
            dx[i] = (cdf + v * density) * dy[i]
        }
    }
}
