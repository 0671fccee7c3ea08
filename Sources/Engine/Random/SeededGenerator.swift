#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A deterministic random number generator (xoshiro256**, seeded through SplitMix64).
///
/// The same seed gives the same stream on every machine and Swift version, which Swift's
/// `SystemRandomNumberGenerator` and `shuffle()` do not promise. It is not PyTorch's Mersenne
/// Twister, so runs agree with PyTorch statistically, not bit for bit.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)
    private var spareGaussian: Float?

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        words = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The generator's whole state, to save with a training snapshot and continue the stream
    /// later exactly where it was.
    public struct State: Hashable, Sendable, Codable {
        /// xoshiro256**'s four words.
        public var words: [UInt64]
        /// The bit pattern of the Gaussian sample kept for the next call, if any.
        public var spareGaussianBits: UInt32?
    }

    /// The current state.
    public var state: State {
        State(words: [words.0, words.1, words.2, words.3], spareGaussianBits: spareGaussian?.bitPattern)
    }

    /// A generator that continues from `state`; nil when the state is not four words.
    public init?(state: State) {
        guard state.words.count == 4 else { return nil }
        words = (state.words[0], state.words[1], state.words[2], state.words[3])
        spareGaussian = state.spareGaussianBits.map(Float.init(bitPattern:))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(words.1 &* 5, 7) &* 9
        let shifted = words.1 << 17
        words.2 ^= words.0
        words.3 ^= words.1
        words.1 ^= words.2
        words.0 ^= words.3
        words.2 ^= shifted
        words.3 = rotateLeft(words.3, 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, _ amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }

    /// A uniform sample in [0, 1) with 24 random bits, every value exactly representable.
    public mutating func nextUniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform sample in [`lower`, `upper`).
    public mutating func nextUniform(from lower: Float, to upper: Float) -> Float {
        lower + (upper - lower) * nextUniform()
    }

    /// A standard normal sample (Box–Muller; the second value of each pair is kept for the next call).
    public mutating func nextGaussian() -> Float {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        // 1 - u lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareGaussian = Float(radius * sin(angle))
        return Float(radius * cos(angle))
    }

    /// A uniform integer in 0..<`bound` without modulo bias (Lemire's method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `indices` in place (Fisher–Yates), the same way for the same seed everywhere.
    public mutating func shuffle(_ indices: inout [Int]) {
        guard indices.count > 1 else { return }
        for i in stride(from: indices.count - 1, to: 0, by: -1) {
            indices.swapAt(i, nextInt(below: i + 1))
        }
    }
}
