/// A value computed or written in a notebook: a scalar, a list, or a domain value.
public enum Value: Sendable {
    /// An integer.
    case int(Int)
    /// A number.
    case float(Double)
    /// Text.
    case string(String)
    /// A truth value.
    case bool(Bool)
    /// A list of values of one type.
    case list([Value])
    /// A data set, model, fit, figure or table.
    case domain(any DomainValue)

    /// The value as a number, for Int and Float values.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    /// The value as written in a notebook: `3`, `0.001`, `"train"`, `[1, 2]`, `<Fit>`.
    public var literalText: String {
        switch self {
        case .int(let value): String(value)
        case .float(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .bool(let value): String(value)
        case .list(let values): "[" + values.map(\.literalText).joined(separator: ", ") + "]"
        case .domain(let value): "<\(type(of: value).valueType)>"
        }
    }

    /// Whether this is a domain value.
    public var isDomain: Bool {
        if case .domain = self { return true }
        return false
    }

    /// What the notebook shows for the value: domain values their own summary, lists holding
    /// them a list of summaries, everything else its literal text.
    public func summary() -> DisplayValue {
        switch self {
        case .domain(let value): value.summary()
        case .string(let value): .text(value)
        case .list(let values) where values.contains(where: \.isDomain): .list(values.map { $0.summary() })
        default: .text(literalText)
        }
    }
}
