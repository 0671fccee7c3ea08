/// LeakyReLU(x) = x for x > 0, else slope · x (PyTorch's default slope is 0.01).
public struct LeakyReLU: ElementwiseFunction {
    /// The slope for negative inputs.
    public let negativeSlope: Float

    /// Creates the function.
    public init(negativeSlope: Float = 0.01) { self.negativeSlope = negativeSlope }
    /// `LeakyReLU(negative_slope=0.01)`.
    public var description: String { "LeakyReLU(negative_slope=\(negativeSlope))" }

    /// y = x if x > 0 else slope · x.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        let slope = negativeSlope
        for i in 0..<count { y[i] = x[i] > 0 ? x[i] : slope * x[i] }
    }

    /// dx = dy if x > 0 else slope · dy.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        let slope = negativeSlope
        for i in 0..<count { dx[i] = x[i] > 0 ? dy[i] : slope * dy[i] }
    }
}
