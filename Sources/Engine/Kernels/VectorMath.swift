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
        let clamped = x.clamped(lowerBound: Vector(repeating: -87.3), upperBound: Vector(repeating: 88.3))
        // x = n·ln 2 + r with |r| ≤ ½ ln 2; ln 2 in two parts so n·ln 2 is exact in the first.
        let n = (clamped * 1.442_695_04 + 0.5).rounded(.down)
        let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Vector(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let mantissa = p * (r * r) + r + 1
        // 2ⁿ built from its exponent bits.
        let twoToN = unsafeBitCast((integerBits(n) &+ 127) &<< 23, to: Vector.self)
        return (mantissa * twoToN).replacing(with: 0, where: x .< -87.3)
    }

    /// log(1 + x) for x ≥ 0, accurate for tiny x too: log(u)·x/(u − 1) with u = 1 + x rounded
    /// (Goldberg's correction), which cancels the rounding of u.
    @inline(__always)
    static func logOnePlus(_ x: Vector) -> Vector {
        let u = 1 + x
        let step = u - 1
        return (logarithm(u) * (x / step)).replacing(with: x, where: step .== 0)
    }

    /// log(u) for positive normal u.
    @inline(__always)
    static func logarithm(_ u: Vector) -> Vector {
        let bits = unsafeBitCast(u, to: SIMD8<Int32>.self)
        // u = m·2ᵉ with m in [½, 1), then m moved to [√½, √2) so the polynomial's argument is small.
        var exponent = float(bits &>> 23) - 126
        var m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F00_0000, to: Vector.self)
        let low = m .< 0.707_106_781
        exponent = exponent.replacing(with: exponent - 1, where: low)
        m = (m - 1).replacing(with: m + m - 1, where: low)
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
        y += exponent * -2.121_944_40e-4
        y -= 0.5 * z
        return m + y + exponent * 0.693_359_375
    }

    // Float and integer lanes convert through 1.5·2²³, whose floats have integer steps, because
    // the standard library's generic lane conversions run one lane at a time.
    private static let magic: Float = 12_582_912
    private static let magicBits: Int32 = 0x4B40_0000

    /// The integers in integer-valued lanes with |x| < 2²².
    @inline(__always)
    private static func integerBits(_ x: Vector) -> SIMD8<Int32> {
        unsafeBitCast(x + magic, to: SIMD8<Int32>.self) &- magicBits
    }

    /// Lanes with |i| < 2²² as floats.
    @inline(__always)
    private static func float(_ i: SIMD8<Int32>) -> Vector {
        unsafeBitCast(i &+ magicBits, to: Vector.self) - magic
    }
}
