/// The type of a value in a notebook: a scalar, a list, or one of the domain types.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    /// A 64-bit integer.
    case int
    /// A double-precision number; an integer literal is accepted where one is expected.
    case float
    /// Text.
    case string
    /// `true` or `false`.
    case bool
    /// A list whose elements all have one type.
    case list(ValueType)
    /// A data set (MNIST, Fashion-MNIST, …).
    case dataset
    /// A model, trained or not.
    case model
    /// The result of training: the trained model and its history.
    case fit
    /// A figure to display.
    case figure
    /// A table to display.
    case table

    /// The name written in signatures and messages: `Int`, `[Float]`, `Dataset`.
    public var description: String {
        switch self {
        case .int: "Int"
        case .float: "Float"
        case .string: "String"
        case .bool: "Bool"
        case .list(let element): "[\(element)]"
        case .dataset: "Dataset"
        case .model: "Model"
        case .fit: "Fit"
        case .figure: "Figure"
        case .table: "Table"
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
        case .dataset, .model, .fit, .figure, .table: false
        }
    }
}
