import Notebook

/// Checks a whole notebook before anything runs and reports every problem at once: syntax
/// (from the document), names, operations, arguments, types, ranges and `--set` overrides.
public struct Checker: Sendable {
    /// The operations cells may call.
    public let registry: Registry
    /// What messages call the commands and operations they point to.
    public let hints: CheckHints

    /// Creates a checker against `registry`, whose messages point where `hints` say.
    public init(registry: Registry, hints: CheckHints) {
        self.registry = registry
        self.hints = hints
    }

    /// Checks `document` with the `--set name=value` arguments in `overrides`. Returns a plan
    /// when there is no error, and every diagnostic found (the document's own first). A constant
    /// path a call would write over the notebook, a file it reads or `cacheDirectory` is an error.
    public func check(
        _ document: Document, overrides: [String] = [], cacheDirectory: String? = nil
    ) -> (plan: Plan?, diagnostics: [Diagnostic]) {
        let result = checkWithPreviews(document, overrides: overrides, cacheDirectory: cacheDirectory)
        return (result.plan, result.diagnostics)
    }

    /// `check`, and the displayed values known before anything runs (`CheckPreview`), whether
    /// or not there are errors.
    public func checkWithPreviews(
        _ document: Document, overrides: [String] = [], cacheDirectory: String? = nil
    ) -> (plan: Plan?, diagnostics: [Diagnostic], previews: [CheckPreview]) {
        var session = CheckSession(registry: registry, document: document, hints: hints)
        session.readParameters(overrides: overrides)
        let statements = session.checkStatements()
        session.checkWrites(cacheDirectory: cacheDirectory)
        let diagnostics = document.diagnostics + session.diagnostics
        guard !diagnostics.contains(where: \.isError) else { return (nil, diagnostics, session.previews) }
        let plan = Plan(
            document: document, parameters: session.parameters, seed: document.frontMatter?.seed ?? 0,
            statements: statements)
        return (plan, diagnostics, session.previews)
    }
}

/// The state of checking one notebook.
struct CheckSession {
    let registry: Registry
    let document: Document
    let hints: CheckHints
    var diagnostics: [Diagnostic] = []
    var parameters: [PlanParameter] = []
    /// What each name in scope refers to.
    var scope: [String: Binding] = [:]
    /// The line of the first statement binding each name, to tell "used too early" from "undefined".
    var bindingLines: [String: Int] = [:]
    /// The parameters the statement being checked uses, in order of first use.
    var usedParameters: [String] = []
    /// The constant paths calls write, where each is written.
    var writtenFiles: [(path: String, range: SourceRange)] = []
    /// The statement being checked.
    var current: Statement?
    /// The displayed statements whose values their prechecks know.
    var previews: [CheckPreview] = []
    /// The calls that read files, with their constant arguments: asked for their files only
    /// when something writes one, since finding them touches the disk.
    var fileReaders: [(spec: OperationSpec, constants: [String: Value])] = []
    /// The coordinate of each swept axis, by name, for the member being checked; empty while a
    /// statement is checked to find its axes (each sweep then stands for its first member).
    var point: [String: Int] = [:]
    /// The axes met while checking the current expression, in order, with repeats.
    var foundAxes: [SweepAxis] = []

    /// What a name refers to.
    enum Binding {
        case parameter(PlanParameter, line: Int)
        /// `index` is nil for a name that stands for no statement: one whose statement or `--set`
        /// did not parse, kept in scope so its uses are checked without a false "undefined name".
        /// A lifted statement's `index` is its first member's, and `lifted` says where the others are.
        case statement(
            index: Int?, type: ValueType?, line: Int, constant: Value?, fact: (any Sendable)? = nil,
            lifted: Lifted? = nil)
    }

    /// The types an inline `{nb}` expression may have: what reads as a word in a sentence.
    static let inlineTypes: [ValueType] = [.int, .float, .string, .bool]

    init(registry: Registry, document: Document, hints: CheckHints) {
        self.registry = registry
        self.document = document
        self.hints = hints
    }

    mutating func report(_ error: CheckError, at range: SourceRange?) {
        let message = error.message(hints)
        // A model trained twice on the same data would otherwise show the same layer's error twice.
        guard !diagnostics.contains(where: { $0.message == message && $0.range == range }) else { return }
        diagnostics.append(Diagnostic(.error, message, at: range))
    }

    // MARK: - Statements

    /// Checks every statement in order, binding names as it goes; returns the planned ones, a
    /// lifted statement as one per member.
    mutating func checkStatements() -> [PlannedStatement] {
        for statement in document.statements {
            if let name = statement.binding, bindingLines[name.name] == nil {
                bindingLines[name.name] = name.range.start.line
            }
        }
        // A name whose statement did not parse is in scope with an unknown type, so its uses
        // are not reported again as undefined.
        for name in document.brokenBindings where scope[name.name] == nil {
            scope[name.name] = .statement(index: nil, type: nil, line: name.range.start.line, constant: nil)
        }
        var planned: [PlannedStatement] = []
        for statement in document.statements {
            usedParameters = []
            current = statement
            point = [:]
            foundAxes = []
            let typed = resolve(statement.value, expected: nil, what: .value)
            if let (first, second) = Self.conflict(in: foundAxes) {
                report(
                    .axisConflict(name: second.name, values: second.labels, other: first.labels),
                    at: statement.value.range)
                if let name = statement.binding { bind(name, index: planned.count, typed: nil) }
                continue
            }
            if let grid = SweepGrid(merging: foundAxes) {
                planLifted(statement, grid: grid, into: &planned)
                continue
            }
            if let name = statement.binding { bind(name, index: planned.count, typed: typed) }
            guard let typed, let type = typed.type else { continue }
            if statement.binding == nil, statement.cell != nil, let fact = typed.fact as? any PreviewFact {
                previews.append(
                    CheckPreview(
                        line: statement.range.start.line, source: document.source.text(in: statement.range),
                        display: fact.preview))
            }
            if statement.cell == nil, !Self.inlineTypes.contains(type) {
                report(.inlineValueType(type), at: statement.value.range)
                continue
            }
            guard let expression = typed.expression else { continue }
            planned.append(
                PlannedStatement(
                    index: planned.count, statement: statement, expression: expression, type: type,
                    source: document.source.text(in: statement.range), parameters: usedParameters))
        }
        return planned
    }

    /// Checks `statement` once per point of `grid`, binds its name to all of them, and plans
    /// them one after another.
    private mutating func planLifted(_ statement: Statement, grid: SweepGrid, into planned: inout [PlannedStatement]) {
        guard grid.count <= Self.maximumMembers else {
            report(.tooManyMembers(lifted: grid.lifted(.int), limit: Self.maximumMembers), at: statement.value.range)
            if let name = statement.binding { bind(name, index: planned.count, typed: nil) }
            return
        }
        var members: [Typed?] = []
        let writesBefore = writtenFiles.count
        for coordinates in grid.points {
            point = grid.assignment(coordinates)
            foundAxes = []
            members.append(resolve(statement.value, expected: nil, what: .value))
        }
        point = [:]
        // Members writing one path would each replace the last one's file.
        let writes = writtenFiles[writesBefore...]
        if let repeated = writes.first(where: { write in writes.filter { $0.path == write.path }.count > 1 }) {
            let type = members.first??.type ?? .string
            report(.sweepWritesOnePath(path: repeated.path, lifted: grid.lifted(type)), at: repeated.range)
        }
        let lifted = Lifted(
            grid: grid, first: planned.count, constants: members.map { $0?.constant }, facts: members.map { $0?.fact })
        let type = members.first??.type
        if let name = statement.binding { bind(name, index: planned.count, typed: members[0], lifted: lifted) }
        guard let type else { return }
        if statement.cell == nil {
            report(.inlineSweep(lifted: grid.lifted(type)), at: statement.value.range)
            return
        }
        let expressions = members.compactMap { $0?.expression }
        guard expressions.count == grid.count else { return }
        let source = document.source.text(in: statement.range)
        for (coordinates, expression) in zip(grid.points, expressions) {
            planned.append(
                PlannedStatement(
                    index: planned.count, statement: statement, expression: expression, type: type, source: source,
                    parameters: usedParameters, member: SweepMember(grid: grid, coordinates: coordinates)))
        }
    }

    private mutating func bind(_ name: Identifier, index: Int, typed: Typed?, lifted: Lifted? = nil) {
        switch scope[name.name] {
        case .parameter?:
            report(.bindsParameter(name.name), at: name.range)
        case .statement(_, _, let line, _, _, _)?:
            report(.rebound(name.name, firstLine: line), at: name.range)
        case nil:
            scope[name.name] = .statement(
                index: index, type: typed?.type, line: name.range.start.line,
                constant: lifted == nil ? typed?.constant : nil, fact: lifted == nil ? typed?.fact : nil,
                lifted: lifted)
        }
    }
}

/// A checked expression: resolved, with its type (nil after a reported error, so it causes no
/// further errors) and its value when known before running.
struct Typed {
    /// Nil for a name that stands for no statement (see `Binding`); an error was reported, so
    /// no plan is made.
    var expression: ResolvedExpr?
    var type: ValueType?
    /// The value, when it is a literal or comes from a parameter or literal binding.
    var constant: Value?
    /// Where a constant that came through a name was set, for range messages.
    var origin: ValueOrigin?
    /// What the precheck of the operation making the value said of it (see `KnownArgument`).
    var fact: (any Sendable)?
    /// Each element as a precheck sees it, for a list written in the cell.
    var elements: [KnownArgument]?
    /// Where the value is written, when it is one member of a written sweep: a range error
    /// points there.
    var memberRange: SourceRange?

    /// The expression as an operation's precheck sees it, written at `range` as `text`.
    func known(at range: SourceRange, text: String) -> KnownArgument {
        KnownArgument(constant: constant, fact: fact, elements: elements, site: Site(range: range), text: text)
    }
}
