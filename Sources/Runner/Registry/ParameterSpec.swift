/// One parameter of an operation: how it is passed, its type, default and allowed values.
public struct ParameterSpec: Hashable, Sendable {
    /// The name the implementation reads the argument by, and the label callers write unless
    /// the parameter is positional.
    public var name: String
    /// Whether callers pass it without a label (`train(mlp, on: data)`: `mlp`).
    public var isPositional: Bool
    /// The type of the argument (of each argument, for a variadic parameter).
    public var type: ValueType
    /// The value used when the argument is left out; nil makes it required unless optional.
    public var defaultValue: DefaultValue?
    /// Values allowed beyond the type.
    public var constraint: Constraint?
    /// Whether it takes any number of positional arguments (`loss_curves(a, b)`), at least one.
    public var isVariadic: Bool
    /// Whether it may be left out with no default, so the implementation sees no argument
    /// (`seed:`, which otherwise comes from the runner).
    public var isOptional: Bool
    /// Whether it receives every member of a swept argument at once, as a `SweepValue`, instead
    /// of the call being lifted to run once per member (`compare(fits, on: test)`, `mean(…)`).
    public var gathers = false

    /// A default value: a scalar, since defaults are written in signatures.
    public enum DefaultValue: Hashable, Sendable {
        /// An integer default.
        case int(Int)
        /// A number default.
        case float(Double)
        /// A string default.
        case string(String)
        /// A truth-value default.
        case bool(Bool)
        /// A list default.
        case list([DefaultValue])

        /// The default as a runtime value.
        public var value: Value {
            switch self {
            case .int(let value): .int(value)
            case .float(let value): .float(value)
            case .string(let value): .string(value)
            case .bool(let value): .bool(value)
            case .list(let values): .list(values.map(\.value))
            }
        }
    }

    /// A labelled parameter: `label: Type = default (constraint)`.
    public static func labelled(
        _ name: String, _ type: ValueType, default defaultValue: DefaultValue? = nil,
        _ constraint: Constraint? = nil, optional: Bool = false
    ) -> ParameterSpec {
        ParameterSpec(
            name: name, isPositional: false, type: type, defaultValue: defaultValue, constraint: constraint,
            isVariadic: false, isOptional: optional)
    }

    /// A positional parameter: `_ name: Type`.
    public static func positional(
        _ name: String, _ type: ValueType, default defaultValue: DefaultValue? = nil, _ constraint: Constraint? = nil
    ) -> ParameterSpec {
        ParameterSpec(
            name: name, isPositional: true, type: type, defaultValue: defaultValue, constraint: constraint,
            isVariadic: false, isOptional: false)
    }

    /// A variadic positional parameter, `_ name: Type...`, taking one or more arguments that the
    /// implementation reads as a list.
    public static func variadic(_ name: String, _ type: ValueType) -> ParameterSpec {
        ParameterSpec(
            name: name, isPositional: true, type: type, defaultValue: nil, constraint: nil, isVariadic: true,
            isOptional: false)
    }

    /// The optional `seed:` parameter: given, it replaces the seed the runner derives.
    public static let seed = labelled("seed", .int, .atLeast(0), optional: true)

    /// The same parameter, gathering a swept argument's members into one `SweepValue`.
    public func gathering() -> ParameterSpec {
        var copy = self
        copy.gathers = true
        return copy
    }

    /// How signatures show it: `_ model: Model`, `epochs: Int = 10 (1...1000)`, `_ fits: Fit...`.
    public var signatureText: String {
        var text = (isPositional ? "_ " : "") + "\(name): \(type)" + (gathers ? " ×n" : "") + (isVariadic ? "..." : "")
        if let defaultValue { text += " = " + defaultValue.value.literalText }
        if isOptional { text += "?" }
        if let constraint { text += " " + constraint.signatureText }
        return text
    }
}
