import Notebook

/// Sweeps: `sweep([…])` and `seeds(n)` written where a value is expected, and arguments that
/// gather a sweep's members.
///
/// A statement is checked once to find the axes it varies over, then once per point of their
/// grid with `point` fixing each axis's coordinate; each of those is one planned statement. A
/// sweep resolves to its member at `point` (the first one while the axes are being found) and
/// records its axis in `foundAxes`, and so does a name bound by a lifted statement.
extension CheckSession {
    /// The forms that write a sweep, unless an operation of the same name takes precedence.
    static let sweepForms: Set<String> = ["sweep", "seeds"]

    /// The most points a statement's grid may have: more is a mistake, not an experiment.
    static let maximumMembers = 10_000

    /// Resolves `sweep([…], zip: true)` or `seeds(n)` where a value of type `expected` is
    /// wanted, checking every member against it at the member's position.
    mutating func resolveSweep(
        _ callee: Identifier, _ arguments: [CallArgument], at range: SourceRange, expected: ValueType?,
        what: CheckedItem
    ) -> Typed? {
        if callee.name == "seeds" {
            guard arguments.count == 1, arguments[0].label == nil, case .integer(let count) = arguments[0].value.kind,
                count >= 1, count <= Self.maximumMembers
            else {
                report(.malformedSeeds(limit: Self.maximumMembers), at: range)
                return nil
            }
            foundAxes.append(SweepAxis(ids: ["seed"], name: "seed", labels: (1...count).map(String.init), isSeed: true))
            let seed = Value.int(min(point["seed"] ?? 0, count - 1) + 1)
            var typed = Typed(expression: .constant(seed), type: .int, constant: seed)
            typed.memberRange = range
            return typed
        }
        guard let elements = Self.sweepElements(arguments) else {
            report(.malformedSweep, at: range)
            return nil
        }
        let zipped = arguments.contains { $0.label?.name == "zip" && $0.value.kind == .bool(true) }
        var memberType = expected
        var members: [Typed?] = []
        for element in elements {
            let typed = resolve(element, expected: memberType, what: .member(of: what))
            if memberType == nil { memberType = typed?.type }
            members.append(typed)
        }
        let labels = zip(members, elements).map { typed, element in
            typed?.constant?.literalText ?? document.source.text(in: element.range)
        }
        let name = axisName(what)
        let axis = SweepAxis(ids: [name], name: name, labels: labels, zipped: zipped)
        if zipped, let other = foundAxes.first(where: { $0.zipped && $0.count != axis.count }) {
            report(.zipLengths(name: name, count: axis.count, other: other.name, otherCount: other.count), at: range)
            return nil
        }
        foundAxes.append(axis)
        let index = point[name] ?? 0
        guard index < members.count, var chosen = members[index], chosen.type != nil else { return nil }
        chosen.memberRange = elements[index].range
        return chosen
    }

    /// The members of `sweep([…])` and its optional `zip: true`; nil when written otherwise.
    static func sweepElements(_ arguments: [CallArgument]) -> [Expr]? {
        guard let first = arguments.first, first.label == nil, case .list(let elements) = first.value.kind,
            !elements.isEmpty, elements.count <= maximumMembers
        else { return nil }
        for extra in arguments.dropFirst() {
            guard extra.label?.name == "zip", case .bool = extra.value.kind else { return nil }
        }
        return elements
    }

    /// The name of an axis written as `what`: the parameter's label (`lr`), or the name a
    /// statement binds the sweep to, else `sweep`. Axes are one axis by name, so the parameter
    /// `beta` reached through two statements is one axis.
    private func axisName(_ what: CheckedItem) -> String {
        switch what {
        case .parameterArgument(let name, _), .parameter(let name): name
        case .element(let item), .member(let item): axisName(item)
        case .value: current?.binding?.name ?? "sweep"
        case .argument: "sweep"
        }
    }

    /// The first axis of `found` whose name another axis of `found` gives other values.
    static func conflict(in found: [SweepAxis]) -> (SweepAxis, SweepAxis)? {
        for (position, axis) in found.enumerated() {
            if let other = found[..<position].first(where: { $0.ids == axis.ids && $0.labels != axis.labels }) {
                return (other, axis)
            }
        }
        return nil
    }

    /// Resolves an argument for a parameter that gathers a sweep: once per point of the axes it
    /// varies over that the statement does not fix, into one `.gather` of all of them. Those
    /// axes end here; the statement is not lifted over them.
    mutating func resolveGathered(_ expression: Expr, expected: ValueType, what: CheckedItem) -> Typed? {
        let outer = foundAxes
        foundAxes = []
        let first = resolve(expression, expected: expected, what: what)
        let inner = foundAxes.filter { axis in axis.ids.allSatisfy { point[$0] == nil } }
        let fixed = foundAxes.filter { !inner.contains($0) }
        defer { foundAxes = outer + fixed }
        guard let first, first.type != nil else { return first }
        guard let grid = SweepGrid(merging: inner) else {
            var gathered = Typed(
                expression: first.expression.map { .gather(SweepGrid(axes: []), [$0]) }, type: first.type)
            gathered.fact = first.fact
            return gathered
        }
        let saved = point
        defer { point = saved }
        var members: [ResolvedExpr] = []
        for coordinates in grid.points {
            point = saved.merging(grid.assignment(coordinates)) { fixed, _ in fixed }
            if let expression = resolve(expression, expected: expected, what: what)?.expression {
                members.append(expression)
            }
        }
        // The first member's fact stands for all, so prechecks (a fit's task) still run.
        var gathered = Typed(expression: members.count == grid.count ? .gather(grid, members) : nil, type: first.type)
        gathered.fact = first.fact
        return gathered
    }

    /// The grid of the axes found since `start` while resolving one expression, if it is lifted.
    func grid(foundSince start: Int) -> SweepGrid? {
        SweepGrid(merging: start < foundAxes.count ? Array(foundAxes[start...]) : [])
    }
}

/// A statement lifted over a grid: its members are planned one after another from `first`.
struct Lifted {
    var grid: SweepGrid
    var first: Int
    /// Each member's constant value and precheck fact, in the order of the grid's points.
    var constants: [Value?]
    var facts: [(any Sendable)?]
}
