import Foundation

/// How a table column writes its numbers: whole numbers with thousands separators, or every
/// value with the same number of decimals, chosen so the column's largest value shows four
/// significant digits and the decimal points line up.
///
/// Very large or very small columns switch to scientific notation, and NaN and infinities are
/// written as such rather than hidden. Output is locale-independent, so a report reads the same
/// wherever it was made: `,` groups thousands, `.` is the decimal point, `−` is the minus sign.
enum TableNumberFormat: Equatable {
    /// Whole numbers: `973,624`.
    case integer
    /// Fixed decimals: `105.2`, `0.01234`.
    case decimals(Int)
    /// Scientific notation with four significant digits: `1.235e-07`.
    case scientific

    /// Significant digits shown for a column's largest value.
    static let significantDigits = 4

    /// The format for a column holding `values`.
    init(column values: [Double]) {
        let finite = values.filter(\.isFinite)
        let largest = finite.map(abs).max() ?? 0
        if finite.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) {
            self = .integer
        } else if largest >= 1e15 || largest < 1e-4 {
            self = .scientific
        } else {
            let magnitude = Int(floor(log10(largest)))
            self = .decimals(min(max(Self.significantDigits - 1 - magnitude, 0), 6))
        }
    }

    /// `value` in this format.
    func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "−∞" : "∞" }
        let text: String
        switch self {
        case .integer: text = Self.grouped(String(format: "%.0f", abs(value)))
        case .decimals(let decimals): text = Self.grouped(String(format: "%.\(decimals)f", abs(value)))
        case .scientific: text = String(format: "%.\(Self.significantDigits - 1)e", abs(value))
        }
        // A value that rounds to zero shows no sign: "−0.0" would suggest a negative number.
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
        return value < 0 && !isZero ? "−" + text : text
    }

    /// `digits` (like `"1234567.25"`) with its whole part grouped in threes: `1,234,567.25`.
    private static func grouped(_ digits: String) -> String {
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        var result = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return parts.count > 1 ? result + "." + parts[1] : result
    }
}
