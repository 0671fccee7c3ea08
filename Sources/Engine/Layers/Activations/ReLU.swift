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
    ///
    /// Written as eight-lane selects: the plain loop stays scalar (LLVM does not vectorise it across
    /// the three pointers) and then branches on the sign of every element, which a half-active
    /// layer mispredicts about half the time; that made it 17 times slower than the forward pass.
    public func backward(
        input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, gradOutput dy: UnsafePointer<Float>,
        gradInput dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        typealias Vector = SIMD8<Float>
        let vectorEnd = count - count % Vector.scalarCount
        var i = 0
        while i < vectorEnd {
            let output = UnsafeRawPointer(y + i).loadUnaligned(as: Vector.self)
            let gradient = UnsafeRawPointer(dy + i).loadUnaligned(as: Vector.self)
            let selected = Vector(repeating: 0).replacing(with: gradient, where: output .> 0)
            UnsafeMutableRawPointer(dx + i).storeBytes(of: selected, as: Vector.self)
            i += Vector.scalarCount
        }
        while i < count {
            dx[i] = y[i] > 0 ? dy[i] : 0
            i += 1
        }
    }
}
