/// Binary cross-entropy of σ(z) against t, summed, computed from the logits z in one fused pass:
/// L = Σ [max(z, 0) − z·t + log(1 + e^−|z|)], whose gradient is simply σ(z) − t.
///
/// This is the sigmoid output layer and the BCE of the reference model in one numerically stable
/// step: no logarithm of 0 can occur, and no exponential can overflow. It also keeps σ(z), the
/// reconstruction the report shows.
///
/// - Shapes: logits (any) and target (same count) → a scalar; `probabilities` has the logits' shape.
public final class BinaryCrossEntropyWithLogits {
    /// σ(z) from the last forward: the model's output probabilities.
    public private(set) var probabilities: Tensor?
    private var target: Tensor?
    private var gradLogits: Tensor?

    /// Creates the loss.
    public init() {}

    /// The summed loss, accumulated in Double; also fills `probabilities`.
    public func forward(logits: Tensor, target: Tensor) -> Double {
        precondition(logits.count == target.count, "BCE of \(logits.shape) against \(target.shape)")
        let probabilities = Tensor.reusing(self.probabilities, shape: logits.shape)
        let total = parallelSum(
            logits.count, work: 8 * logits.count,  // exp and log1p cost about as much as 8 copies
            BinaryCrossEntropyWithLogitsForward(z: logits.data, t: target.data, p: probabilities.data))
        self.probabilities = probabilities
        self.target = target
        return total
    }

    /// d(scale·L)/dz = scale · (σ(z) − t).
    public func backward(scale: Float = 1) -> Tensor {
        guard let probabilities, let target else {
            preconditionFailure("BinaryCrossEntropyWithLogits.backward before forward")
        }
        let grad = Tensor.reusing(gradLogits, shape: probabilities.shape)
        parallelRanges(
            probabilities.count, work: probabilities.count,
            BinaryCrossEntropyWithLogitsBackward(p: probabilities.data, t: target.data, dz: grad.data, scale: scale))
        gradLogits = grad
        return grad
    }
}

/// L over a range, and p = σ(z), eight elements at a time (see `VectorMath`).
private struct BinaryCrossEntropyWithLogitsForward: SumLoop {
    let z: UnsafePointer<Float>, t: UnsafePointer<Float>, p: UnsafeMutablePointer<Float>
    private static let laneIndices = SIMD8<Float>(0, 1, 2, 3, 4, 5, 6, 7)

    func run(_ range: Range<Int>) -> Double {
        typealias Vector = SIMD8<Float>
        // Eight running sums in Double: the gradient checks difference this total, and Float
        // partial sums would drown their signal.
        var totals = SIMD8<Double>()
        var i = range.lowerBound
        while i < range.upperBound {
            let lanes = min(Vector.scalarCount, range.upperBound - i)
            let z = Vector.load(self.z + i, lanes), t = Vector.load(self.t + i, lanes)
            let e = VectorMath.exponential(VectorMath.negativeMagnitude(z))  // e^−|z|
            let terms = (VectorMath.positivePart(z) - z * t + VectorMath.logOnePlus(e))
                .replacing(with: 0, where: Self.laneIndices .>= Vector(repeating: Float(lanes)))
            totals += SIMD8<Double>(
                Double(terms[0]), Double(terms[1]), Double(terms[2]), Double(terms[3]),
                Double(terms[4]), Double(terms[5]), Double(terms[6]), Double(terms[7]))
            let inverse = 1 / (1 + e)
            (e * inverse).replacing(with: inverse, where: z .>= 0).store(p + i, lanes)
            i += lanes
        }
        return totals.sum()
    }
}

extension SIMD8<Float> {
    /// The first `lanes` floats at `pointer`, the rest 0.
    @inline(__always)
    fileprivate static func load(_ pointer: UnsafePointer<Float>, _ lanes: Int) -> SIMD8<Float> {
        if lanes == scalarCount { return UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self) }
        var vector = SIMD8<Float>()
        for lane in 0..<lanes { vector[lane] = pointer[lane] }
        return vector
    }

    /// Stores the first `lanes` floats at `pointer`.
    @inline(__always)
    fileprivate func store(_ pointer: UnsafeMutablePointer<Float>, _ lanes: Int) {
        if lanes == Self.scalarCount {
            UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: SIMD8<Float>.self)
        } else {
            for lane in 0..<lanes { pointer[lane] = self[lane] }
        }
    }
}

/// dz = scale · (p − t) over a range.
private struct BinaryCrossEntropyWithLogitsBackward: RangeLoop {
    let p: UnsafePointer<Float>, t: UnsafePointer<Float>, dz: UnsafeMutablePointer<Float>
    let scale: Float

    func run(_ range: Range<Int>) {
        for i in range { dz[i] = scale * (p[i] - t[i]) }
    }
}
