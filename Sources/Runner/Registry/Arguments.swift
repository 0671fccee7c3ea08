/// The arguments of one call, by parameter name, with defaults filled in; what an operation's
/// implementation reads.
///
/// The checker has already matched every argument's type, so the typed accessors only fail if
/// an operation reads a parameter it did not declare; they throw rather than trap.
public struct Arguments: Sendable {
    /// The values by parameter name; a variadic parameter's arguments are one `.list`.
    public let values: [String: Value]
    /// The operation the arguments are for, to name it in errors.
    public let operation: String

    /// Creates arguments for `operation`.
    public init(_ values: [String: Value], operation: String) {
        self.values = values
        self.operation = operation
    }

    /// The value of `name`, or nil for an omitted optional parameter.
    public subscript(name: String) -> Value? { values[name] }

    /// The Int argument `name`.
    public func int(_ name: String) throws -> Int {
        if case .int(let value) = try value(name) { return value }
        throw mismatch(name, "Int")
    }

    /// The Float argument `name` (an Int literal is converted).
    public func float(_ name: String) throws -> Double {
        if let number = try value(name).number { return number }
        throw mismatch(name, "Float")
    }

    /// The String argument `name`.
    public func string(_ name: String) throws -> String {
        if case .string(let value) = try value(name) { return value }
        throw mismatch(name, "String")
    }

    /// The String argument `name` as a case of `type`, such as an activation: the checker allows
    /// only its raw values (`.oneOf`), so another is a bug in the operation's spec.
    public func choice<T: RawRepresentable>(_ name: String, as type: T.Type) throws -> T where T.RawValue == String {
        if let value = T(rawValue: try string(name)) { return value }
        throw ArgumentError(operation: operation, name: name, expected: nil, choiceOf: "\(T.self)")
    }

    /// The Bool argument `name`.
    public func bool(_ name: String) throws -> Bool {
        if case .bool(let value) = try value(name) { return value }
        throw mismatch(name, "Bool")
    }

    /// The `[Int]` argument `name`.
    public func ints(_ name: String) throws -> [Int] {
        try list(name).map { element in
            guard case .int(let value) = element else { throw mismatch(name, "[Int]") }
            return value
        }
    }

    /// The `[Float]` argument `name`.
    public func floats(_ name: String) throws -> [Double] {
        try list(name).map { element in
            guard let value = element.number else { throw mismatch(name, "[Float]") }
            return value
        }
    }

    /// The list argument `name` (or a variadic parameter's arguments).
    public func list(_ name: String) throws -> [Value] {
        if case .list(let values) = try value(name) { return values }
        throw mismatch(name, "a list")
    }

    /// The domain-value argument `name`, as the Swift type `type`.
    public func domain<T: DomainValue>(_ name: String, as type: T.Type) throws -> T {
        if case .domain(let value) = try value(name), let typed = value as? T { return typed }
        throw mismatch(name, String(describing: T.self))
    }

    /// The domain values of list or variadic argument `name`, as the Swift type `type`.
    public func domains<T: DomainValue>(_ name: String, as type: T.Type) throws -> [T] {
        try list(name).map { element in
            guard case .domain(let value) = element, let typed = value as? T else {
                throw mismatch(name, "[\(T.self)]")
            }
            return typed
        }
    }

    /// The members of the gathering argument `name` (see `ParameterSpec.gathering()`).
    public func sweep(_ name: String) throws -> SweepValue {
        try domain(name, as: SweepValue.self)
    }

    /// The members of each argument of the variadic gathering parameter `name`.
    public func sweeps(_ name: String) throws -> [SweepValue] {
        try domains(name, as: SweepValue.self)
    }

    private func value(_ name: String) throws -> Value {
        guard let value = values[name] else { throw ArgumentError(operation: operation, name: name, expected: nil) }
        return value
    }

    private func mismatch(_ name: String, _ expected: String) -> ArgumentError {
        ArgumentError(operation: operation, name: name, expected: expected)
    }
}
