import Foundation

/// A number no sentence can state truly.
enum ProseError: Error, Equatable, CustomStringConvertible {
    /// An argument of a prose helper is NaN or infinite.
    case notFinite(operation: String, parameter: String, value: Double)
    /// `ratio(value, to: 0)`.
    case divisionByZero(value: Double)

    var description: String {
        switch self {
        case .notFinite(let operation, let parameter, let value):
            "\(operation)'s '\(parameter)' is \(value.isNaN ? "NaN (not a number)" : value < 0 ? "−∞" : "∞"), so the "
                + "sentence would state something false; check the statement it comes from"
        case .divisionByZero(let value):
            "ratio(\(String(format: "%g", value)), to: 0) divides by "
                + "zero, so there is no number for the sentence; check what 'to' is computed from"
        }
    }
}
