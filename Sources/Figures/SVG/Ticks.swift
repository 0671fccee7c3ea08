import Foundation

/// Axis ticks at round numbers (1, 2 or 5 × 10ⁿ apart) whose first and last ticks enclose the
/// data, so the axis can run from the first tick to the last and no point falls outside.
///
/// `Ticks(covering: 0, 1)` gives `0, 0.2, 0.4, 0.6, 0.8, 1`; `Ticks(covering: 97.3, 212.1)`
/// gives `80, 100, …, 220`. Values are computed as an integer times or divided by a power of ten,
/// so they equal the decimal literals exactly and their labels carry no float noise.
public struct Ticks: Sendable, Equatable {
    /// The tick values, increasing.
    public let values: [Double]
    /// One label per value, with as many decimals as the step needs.
    public let labels: [String]

    /// The first tick, where the axis starts.
    public var lower: Double { values.first ?? 0 }
    /// The last tick, where the axis ends.
    public var upper: Double { values.last ?? 1 }

    /// Ticks spanning `a` to `b` (in either order) in about `targetCount` steps; with
    /// `integers`, steps are at least 1 (for counts such as epochs).
    ///
    /// Non-finite bounds are ignored (both non-finite gives 0 to 1); equal bounds are widened
    /// by 10% of their magnitude (by 1 around 0), so every input yields at least two ticks.
    public init(covering a: Double, _ b: Double, targetCount: Int = 5, integers: Bool = false) {
        var lower = a.isFinite ? (b.isFinite ? min(a, b) : a) : (b.isFinite ? b : 0)
        var upper = b.isFinite ? (a.isFinite ? max(a, b) : b) : (a.isFinite ? a : 1)
        if lower == upper {
            let widening = lower == 0 ? 1 : lower.magnitude / 10
            lower -= widening
            upper += widening
        }
        let target = Double(max(targetCount, 1))
        // Divided before subtracting so that ±greatestFiniteMagnitude cannot overflow.
        let rough = upper / target - lower / target
        var exponent = Int(log10(rough).rounded(.down))
        let residual = rough / NumberFormat.powerOfTen(exponent)
        // Thresholds halfway (geometrically) between 1, 2, 5 and 10, as d3's tickIncrement.
        var multiple =
            residual < 2.0.squareRoot() ? 1 : residual < 10.0.squareRoot() ? 2 : residual < 50.0.squareRoot() ? 5 : 10
        if multiple == 10 {
            multiple = 1
            exponent += 1
        }
        if integers && exponent < 0 {
            multiple = 1
            exponent = 0
        }
        let step = Double(multiple) * NumberFormat.powerOfTen(exponent)
        // The slack absorbs rounding in the divisions, which would otherwise add a tick
        // below 0.6 when 0.6 / 0.2 comes out as 2.9999999999999996.
        let first = (lower / step + 1e-9).rounded(.down)
        let last = (upper / step - 1e-9).rounded(.up)
        guard first.magnitude < 1e15, last.magnitude < 1e15, last > first, last - first <= 1000,
            (first * step).isFinite, (last * step).isFinite
        else {
            // Bounds too close for their magnitude to be split into distinct round numbers, or
            // so near the largest Double that the enclosing round numbers overflow.
            values = [lower, upper]
            labels = values.map { NumberFormat.significant($0, digits: 15) }
            return
        }
        let ticks = (Int(first)...Int(last)).map { index in
            let units = Double(index * multiple)
            return exponent >= 0
                ? units * NumberFormat.powerOfTen(exponent) : units / NumberFormat.powerOfTen(-exponent)
        }
        values = ticks
        let largest = max(ticks[0].magnitude, ticks[ticks.count - 1].magnitude)
        if exponent >= -10 && largest < 1e15 {
            labels = ticks.map { NumberFormat.fixed($0, decimals: max(0, -exponent)) }
        } else {
            // Too many decimals or digits for plain notation: exponent form, with enough
            // significant digits to tell neighbouring ticks apart.
            let digits = Int(log10(largest).rounded(.down)) - exponent + 1
            labels = ticks.map { NumberFormat.significant($0, digits: digits) }
        }
    }
}
