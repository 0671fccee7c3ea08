/// What values a parameter allows beyond its type: a numeric range or a set of strings.
///
/// A constraint on a list parameter applies to each element.
public enum Constraint: Hashable, Sendable {
    /// Numbers between the bounds; a nil bound is open-ended.
    case range(lower: Double?, lowerInclusive: Bool, upper: Double?, upperInclusive: Bool)
    /// One of these strings.
    case oneOf([String])
    /// A string with at least one character (a file path).
    case nonEmpty

    /// `lower...upper`, both included.
    public static func between(_ lower: Double, _ upper: Double) -> Constraint {
        .range(lower: lower, lowerInclusive: true, upper: upper, upperInclusive: true)
    }

    /// At least `lower`.
    public static func atLeast(_ lower: Double) -> Constraint {
        .range(lower: lower, lowerInclusive: true, upper: nil, upperInclusive: false)
    }

    /// Whether `value` (each element, for a list) satisfies the constraint.
    public func allows(_ value: Value) -> Bool {
        switch (self, value) {
        case (_, .list(let elements)):
            return elements.allSatisfy(allows)
        case (.oneOf(let allowed), .string(let text)):
            return allowed.contains(text)
        case (.nonEmpty, .string(let text)):
            return !text.isEmpty
        case (.range(let lower, let lowerInclusive, let upper, let upperInclusive), _):
            guard let number = value.number else { return true }
            if let lower, lowerInclusive ? number < lower : number <= lower { return false }
            if let upper, upperInclusive ? number > upper : number >= upper { return false }
            return true
        default:
            return true
        }
    }

    /// How signatures show it: `(1...1000)`, `(> 0)`, `("train" | "test")`.
    public var signatureText: String {
        switch self {
        case .oneOf(let allowed): "(" + allowed.map { "\"\($0)\"" }.joined(separator: " | ") + ")"
        case .nonEmpty: "(non-empty)"
        case .range(_?, true, _?, true): "(" + requirement.dropFirst(3) + ")"
        case .range: "(\(requirement))"
        }
    }

    /// Whole numbers without a fraction: `1000`, not `1000.0`.
    static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }
}
