import Foundation

/// Compact, deterministic decimal text for numbers in SVG: no float noise (`0.1`, never
/// `0.10000000149`), no trailing zeros, no `-0`, and the same text for the same input everywhere,
/// since only exact integer arithmetic and rounding are involved.
public enum NumberFormat {
    /// `value` rounded to `decimals` places (0–15), without trailing zeros: `fixed(2.50, 1)` is `2.5`.
    /// Very large magnitudes fall back to `significant(_:digits:)` with 15 digits; NaN and
    /// infinities are written `NaN`, `inf` and `-inf`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "inf" : "-inf" }
        let places = min(max(decimals, 0), 15)
        let scaled = (value.magnitude * powerOfTen(places)).rounded()
        guard scaled < 1e15 else { return significant(value, digits: 15) }
        var digits = String(UInt64(scaled))
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
            while digits.last == "0" { digits.removeLast() }
            if digits.last == "." { digits.removeLast() }
        }
        return value < 0 && digits != "0" ? "-" + digits : digits
    }

    /// `value` to `digits` significant digits (1–15): `significant(102.4567, digits: 4)` is
    /// `102.5`; magnitudes below 10⁻⁵ or from 10¹⁵ use exponent form, `1.5e-7`.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite, value != 0 else { return fixed(value, decimals: 0) }
        let digits = min(max(digits, 1), 15)
        var exponent = Int(log10(value.magnitude).rounded(.down))
        // log10 can land one off near powers of ten; the mantissa must lie in [1, 10).
        if value.magnitude / powerOfTen(exponent) >= 10 { exponent += 1 }
        if value.magnitude / powerOfTen(exponent) < 1 { exponent -= 1 }
        if exponent >= -5 && exponent < 15 {
            return fixed(value, decimals: max(0, digits - 1 - exponent))
        }
        var mantissa = (value / powerOfTen(exponent) * powerOfTen(digits - 1)).rounded() / powerOfTen(digits - 1)
        if mantissa.magnitude >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return fixed(mantissa, decimals: digits - 1) + "e" + String(exponent)
    }

    /// 10ⁿ, exact for |n| ≤ 22, the range where powers of ten are exactly representable.
    static func powerOfTen(_ exponent: Int) -> Double {
        guard exponent.magnitude <= 22 else { return pow(10, Double(exponent)) }
        var power = 1.0
        for _ in 0..<exponent.magnitude { power *= 10 }
        return exponent < 0 ? 1 / power : power
    }
}
