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
    /// The statements in document order, a lifted statement as one per member of its sweep.
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
    /// Its values when it is swept (`--set beta=0.5,1,2`, or `sweep([…])` in the front matter);
    /// `value` is then the first of them.
    public let members: [Value]?

    /// Creates a parameter.
    public init(name: String, type: ValueType, value: Value, overridden: Bool, members: [Value]? = nil) {
        self.name = name
        self.type = type
        self.value = value
        self.overridden = overridden
        self.members = members
    }

    /// Its value as a notebook literal; a swept one's as `sweep([…])`.
    public var valueText: String {
        members.map { "sweep(" + Value.list($0).literalText + ")" } ?? value.literalText
    }
}

/// A statement after checking.
public struct PlannedStatement: Sendable {
    /// Its number in the plan, from 0: in document order, the members of a lifted statement in
    /// the order of their grid's points.
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
    /// The point of its sweep this instance computes, when the statement is lifted over one:
    /// each point is its own planned statement, with its own key.
    public let member: SweepMember?

    /// Creates a planned statement.
    public init(
        index: Int, statement: Statement, expression: ResolvedExpr, type: ValueType, source: String,
        parameters: [String] = [], member: SweepMember? = nil
    ) {
        self.index = index
        self.member = member
        self.parameters = parameters
        self.statement = statement
        self.expression = expression
        self.type = type
        self.inputs = expression.references
        self.source = source
    }

    /// The name it binds, if any.
    public var binding: String? { statement.binding?.name }

    /// Its type as diagnostics and `--plan` write it: lifted over its grid for a member.
    public var typeText: String {
        member.map { $0.grid.lifted(type) } ?? type.description
    }

    /// The identity events carry.
    public var info: StatementInfo {
        StatementInfo(index: index, range: statement.range, source: source, binding: binding, member: member?.label)
    }
}
