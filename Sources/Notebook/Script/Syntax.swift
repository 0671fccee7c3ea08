/// A name as written in a cell, with its position.
public struct Identifier: Hashable, Sendable {
    /// The name.
    public var name: String
    /// Where it is written.
    public var range: SourceRange

    /// Creates an identifier.
    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// An expression: an operation call, a name, or a literal.
public indirect enum ExprKind: Hashable, Sendable {
    /// `callee(arguments…)`.
    case call(callee: Identifier, arguments: [CallArgument])
    /// A name bound earlier, or a parameter.
    case identifier(String)
    /// An integer literal, possibly negative.
    case integer(Int)
    /// A floating-point literal, possibly negative.
    case float(Double)
    /// A string literal.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `[a, b, …]`.
    case list([Expr])
}

/// An expression with its position in the .md file.
public struct Expr: Hashable, Sendable {
    /// What the expression is.
    public var kind: ExprKind
    /// Where it is written.
    public var range: SourceRange

    /// Creates an expression.
    public init(_ kind: ExprKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// One argument of a call: `label: value` or a positional `value`.
public struct CallArgument: Hashable, Sendable {
    /// The label, or nil for a positional argument.
    public var label: Identifier?
    /// The argument's value.
    public var value: Expr

    /// Creates an argument.
    public init(label: Identifier?, value: Expr) {
        self.label = label
        self.value = value
    }

    /// From the label (or the value) to the end of the value.
    public var range: SourceRange {
        label.map { $0.range.union(value.range) } ?? value.range
    }
}

/// One line of a cell: `name = expression`, or a bare expression whose value is displayed.
public struct Statement: Hashable, Sendable {
    /// The bound name, or nil for a displayed expression.
    public var binding: Identifier?
    /// The expression computed.
    public var value: Expr
    /// The index of the cell the statement is in, counting from 0; nil for an expression
    /// computed into the prose.
    public var cell: Int?

    /// Creates a statement.
    public init(binding: Identifier?, value: Expr, cell: Int?) {
        self.binding = binding
        self.value = value
        self.cell = cell
    }

    /// From the bound name (or the expression) to the end of the expression.
    public var range: SourceRange {
        binding.map { $0.range.union(value.range) } ?? value.range
    }
}
