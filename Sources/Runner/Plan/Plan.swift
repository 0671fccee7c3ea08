import Notebook

/// A checked notebook, ready to run: parameters with their final values, and statements with
/// resolved expressions and dependencies.
public struct Plan: Sendable {
    /// The notebook read.
    public let document: Document
    /// The parameters, in front-matter order, with `--set` applied.
    public let parameters: [PlanParameter]
    /// The notebook seed (front matter, default 0).
    public let seed: UInt64
    /// The statements in document order.
    public let statements: [PlannedStatement]
    /// Which statements read which.
    public let graph: DependencyGraph

    /// Creates a plan.
    public init(
        document: Document, parameters: [PlanParameter], seed: UInt64, statements: [PlannedStatement]
    ) {
        self.document = document
        self.parameters = parameters
        self.seed = seed
        self.statements = statements
        self.graph = DependencyGraph(inputs: statements.map(\.inputs))
    }
}

/// A parameter with the value this run uses.
public struct PlanParameter: Sendable {
    /// Its name.
    public let name: String
    /// Its type, from its front-matter default.
    public let type: ValueType
    /// The value used: the `--set` value if given, else the default.
    public let value: Value
    /// Whether `--set` gave the value.
    public let overridden: Bool

    /// Creates a parameter.
    public init(name: String, type: ValueType, value: Value, overridden: Bool) {
        self.name = name
        self.type = type
        self.value = value
        self.overridden = overridden
    }
}

/// A statement after checking.
public struct PlannedStatement: Sendable {
    /// Its number in document order, from 0.
    public let index: Int
    /// The statement as parsed.
    public let statement: Statement
    /// Its resolved expression.
    public let expression: ResolvedExpr
    /// The type of its value.
    public let type: ValueType
    /// The statements it reads directly.
    public let inputs: [Int]
    /// Its source text, for the terminal and the run record.
    public let source: String
    /// The front-matter parameters it uses, by name, so that a changed value can be named as the
    /// reason it runs again.
    public let parameters: [String]

    /// Creates a planned statement.
    public init(
        index: Int, statement: Statement, expression: ResolvedExpr, type: ValueType, source: String,
        parameters: [String] = []
    ) {
        self.index = index
        self.parameters = parameters
        self.statement = statement
        self.expression = expression
        self.type = type
        self.inputs = expression.references
        self.source = source
    }

    /// The name it binds, if any.
    public var binding: String? { statement.binding?.name }

    /// The identity events carry.
    public var info: StatementInfo {
        StatementInfo(index: index, range: statement.range, source: source, binding: binding)
    }
}
