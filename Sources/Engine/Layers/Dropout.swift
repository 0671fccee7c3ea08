/// A layer that draws random numbers while training, from a generator it owns.
///
/// Resuming a run bit for bit needs each such layer's generator state saved with the snapshot
/// and put back before the next step, as training does for its batch order and noise.
public protocol StochasticLayer: Layer {
    /// The layer's own generator; read its `state` to save it, assign a restored one to resume.
    var generator: SeededGenerator { get set }
}

/// Inverted dropout, as PyTorch's `nn.Dropout(p)`: while training, each element is kept with
/// probability 1 − p and scaled by 1 / (1 − p), else zeroed; while evaluating it is the identity.
///
/// y = x ⊙ m, m[i] = 1 / (1 − p) with probability 1 − p, else 0; dx = dy ⊙ m.
/// The mask comes from the layer's own `SeededGenerator` (seeded from the generator given at
/// init), so runs are reproducible; it is not PyTorch's mask, whose generator differs.
///
/// - Parameters: none (p in [0, 1)).
/// - Shapes: input (any) → output (same).
public final class Dropout: StochasticLayer {
    /// The probability p of zeroing an element.
    public let probability: Float
    /// Dropout only acts while training.
    public var isTraining = true
    /// Where the masks come from.
    public var generator: SeededGenerator
    /// 1 / (1 − p) where kept, 0 where dropped, from the last training forward.
    private var mask: Tensor?
    private var output: Tensor?
    private var gradInput: Tensor?
    /// Whether the last forward was the identity (evaluating, or p = 0).
    private var passedThrough = true

    /// Creates the layer; its generator is seeded with one draw from `generator`.
    public init(probability: Float = 0.5, generator: inout SeededGenerator) {
        self.probability = probability
        self.generator = SeededGenerator(seed: generator.next())
    }

    /// `Dropout(p=0.5, inplace=False)`.
    public var description: String { Self.description(probability) }

    /// How PyTorch prints a dropout layer of probability p, without making one.
    public static func description(_ probability: Float) -> String { "Dropout(p=\(probability), inplace=False)" }

    /// The input's shape.
    public func outputShape(for input: Shape) -> Shape { input }

    /// y = x ⊙ m while training with p > 0; otherwise the input itself.
    public func forward(_ input: Tensor) -> Tensor {
        passedThrough = !isTraining || probability == 0
        if passedThrough { return input }
        let mask = Tensor.reusing(self.mask, shape: input.shape)
        fillMask(mask.data, count: mask.count)
        let output = Tensor.reusing(self.output, shape: input.shape)
        multiply(input.data, mask.data, into: output.data, count: input.count)
        self.mask = mask
        self.output = output
        return output
    }

    /// dx = dy ⊙ m, or dy itself after an identity forward.
    public func backward(gradOutput: Tensor) -> Tensor {
        if passedThrough { return gradOutput }
        guard let mask else { preconditionFailure("Dropout.backward before forward") }
        let gradInput = Tensor.reusing(self.gradInput, shape: mask.shape)
        multiply(gradOutput.data, mask.data, into: gradInput.data, count: mask.count)
        self.gradInput = gradInput
        return gradInput
    }

    /// m[i] = 1 / (1 − p) where a 32-bit uniform draw is below (1 − p)·2³², else 0: two draws
    /// from each 64-bit word, in order, so the mask depends only on the generator's state.
    private func fillMask(_ m: UnsafeMutablePointer<Float>, count: Int) {
        let keep = 1 - Double(probability)
        let threshold = UInt64((keep * 4_294_967_296).rounded())
        let scale = 1 / (1 - probability)
        var i = 0
        while i < count {
            let word = generator.next()
            m[i] = word & 0xFFFF_FFFF < threshold ? scale : 0
            if i + 1 < count { m[i + 1] = word >> 32 < threshold ? scale : 0 }
            i += 2
        }
    }
}

/// z = a ⊙ b, `count` elements (a loop LLVM vectorises).
private func multiply(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into z: UnsafeMutablePointer<Float>, count: Int
) {
    for i in 0..<count { z[i] = a[i] * b[i] }
}
