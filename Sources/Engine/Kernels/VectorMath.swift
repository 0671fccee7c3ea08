/// e^x and log(1 + x) on eight floats at once, for the loss's per-pixel pass.
///
/// Swift on Linux has no vector libm, so a loop calling `expf` and `log1pf` runs one element at a
/// time, and that loop was the largest pass outside the matrix products in the MLP's step. These
/// are Cephes's single-precision polynomials (as in SLEEF and the classic `sse_mathfun`), within
/// a few ulps of the exact values over the ranges the loss uses; a loss test checks that.
enum VectorMath {
    typealias Vector = SIMD8<Float>

    /// e^x; 0 below −87.3, where e^x is no longer a normal float.
    @inline(__always)
    static func exponential(_ x: Vector) -> Vector {
        let low: Float = -87.3, high: Float = 88.3
        let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        // x = n·ln 2 + r with |r| ≤ ½ ln 2; ln 2 in two parts so n·ln 2 is exact in the first.
        // n is rounded to nearest by adding and removing 1.5·2²³ (`rounded` calls floorf per lane).
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Vector(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let mantissa = p * (r * r) + r + 1
        // 2ⁿ built from its exponent bits.
        let twoToN = unsafeBitCast(
            (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- magicBits &+ 127) &<< 23, to: Vector.self)
        return (mantissa * twoToN).replacing(with: 0, where: x .< low)
    }

    /// log(1 + x) for 0 ≤ x ≤ 1, all the loss needs (x = e^−|z|).
    ///
    /// Cephes's logf polynomial is for log(1 + m) with m in [√½ − 1, √2 − 1]. Below √2 − 1 that is
    /// x itself, so small x never goes through a rounded 1 + x; above, 1 + x = 2·(1 + m) with
    /// m = (x − 1)/2, so log(1 + x) = log(1 + m) + ln 2.
    @inline(__always)
    static func logOnePlus(_ x: Vector) -> Vector {
        let upper = x .>= 0.414_213_562
        let m = x.replacing(with: (x - 1) * 0.5, where: upper)
        let k = Vector().replacing(with: 1, where: upper)
        let z = m * m
        var p = Vector(repeating: 7.037_683_629_2e-2)
        p = p * m - 1.151_461_031_0e-1
        p = p * m + 1.167_699_874_0e-1
        p = p * m - 1.242_014_084_6e-1
        p = p * m + 1.424_932_278_7e-1
        p = p * m - 1.666_805_766_5e-1
        p = p * m + 2.000_071_476_5e-1
        p = p * m - 2.499_999_399_3e-1
        p = p * m + 3.333_333_117_4e-1
        var y = p * m * z
        y += k * -2.121_944_40e-4
        y -= 0.5 * z
        return m + y + k * 0.693_359_375
    }

    // Rounding to an integer goes through 1.5·2²³, whose floats have integer steps, because
    // `rounded` and the standard library's lane conversions run one lane at a time.
    // Clamps, −|x| and max(x, 0) are spelled as masks and bit operations: the generic
    // `pointwiseMin`/`pointwiseMax` (and `clamped`, built on them) are not inlined and cost a call
    // per vector.
    private static let magic: Float = 12_582_912
    private static let magicBits: Int32 = 0x4B40_0000

    /// −|x|.
    @inline(__always)
    static func negativeMagnitude(_ x: Vector) -> Vector {
        unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) | 0x8000_0000, to: Vector.self)
    }

    /// max(x, 0).
    @inline(__always)
    static func positivePart(_ x: Vector) -> Vector { x.replacing(with: 0, where: x .< 0) }
}
