/// The type of a value in a notebook: a scalar, a list, or a type the operations define.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    /// A 64-bit integer.
    case int
    /// A double-precision number; an integer literal is accepted where one is expected.
    case float
    /// Text.
    case string
    /// `true` or `false`.
    case bool
    /// A list whose elements all have one type.
    ///
    /// Only this case is boxed: a boxed `domain` payload in a global (`ValueType.dataset`) is a
    /// heap object whose tagged pointer LeakSanitizer cannot see, so `Scripts/fuzz` reported it
    /// as a leak.
    indirect case list(ValueType)
    /// A value of a type that the operations define (a data set, a model, a fit, …): the runner
    /// passes, caches and shows such values without knowing what they are.
    case domain(DomainType)

    /// The name written in signatures and messages: `Int`, `[Float]`, `Dataset`.
    public var description: String {
        switch self {
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .bool: "Bool"
        case .list(let element): "[\(element)]"
        case .domain(let type): type.name
        }
    }

    /// Whether a value of type `actual` can be passed where `self` is expected: the same type,
    /// or an Int where a Float is expected, element-wise for lists.
    public func accepts(_ actual: ValueType) -> Bool {
        switch (self, actual) {
        case (.float, .int): true
        case (.list(let expected), .list(let given)): expected.accepts(given)
        default: self == actual
        }
    }

    /// Whether values of this type are plain data (numbers, text, lists of them), which the
    /// cache always stores, rather than domain values that decide for themselves.
    public var isScalar: Bool {
        switch self {
        case .int, .float, .string, .bool: true
        case .list(let element): element.isScalar
        case .domain: false
        }
    }
}

/// A type of value that a module of operations defines, named as signatures and messages write
/// it (`Dataset`, `Fit`). Adding one needs no change to the runner:
///
///     extension ValueType {
///         static let dataset = ValueType.domain(DomainType("Dataset"))
///     }
public struct DomainType: Hashable, Sendable {
    /// The name in signatures and messages.
    public let name: String

    /// A type named `name`; two types are the same when their names are.
    public init(_ name: String) { self.name = name }
}
