import Notebook

/// An expression after checking: names resolved to statements or constants, calls to their
/// operations with every argument matched to its parameter and defaults filled in.
public indirect enum ResolvedExpr: Sendable {
    /// A literal, or a parameter's value, or a default.
    case constant(Value)
    /// The value bound by the statement with this index.
    case reference(Int)
    /// A list whose elements may reference statements.
    case list([ResolvedExpr])
    /// A call: arguments by parameter name, in the operation's parameter order; omitted
    /// optional parameters are absent. `at` is where it is written, for `--plan`'s reasons.
    case call(OperationSpec, [(name: String, value: ResolvedExpr)], at: SourceRange)
    /// Every member of a swept argument, one per point of `grid` in its order, passed at once to
    /// a parameter that gathers them (as a `SweepValue`).
    case gather(SweepGrid, [ResolvedExpr])

    /// The statements this expression reads directly, in order of first use.
    public var references: [Int] {
        var seen: [Int] = []
        collectReferences(into: &seen)
        return seen
    }

    private func collectReferences(into seen: inout [Int]) {
        switch self {
        case .constant: break
        case .reference(let index): if !seen.contains(index) { seen.append(index) }
        case .list(let elements), .gather(_, let elements):
            for element in elements { element.collectReferences(into: &seen) }
        case .call(_, let arguments, _): for argument in arguments { argument.value.collectReferences(into: &seen) }
        }
    }

    /// Whether it calls an operation with side effects anywhere, so it must always run.
    public var hasSideEffects: Bool {
        switch self {
        case .constant, .reference: false
        case .list(let elements), .gather(_, let elements): elements.contains(where: \.hasSideEffects)
        case .call(let spec, let arguments, _): spec.hasSideEffects || arguments.contains { $0.value.hasSideEffects }
        }
    }

    /// The operation at the top, if this is a call.
    public var operation: OperationSpec? {
        if case .call(let spec, _, _) = self { return spec }
        return nil
    }

    /// Every call in the expression with its path, as cache keys name them (`layers[2]` for the
    /// third element of the outer call's `layers`), in pre-order.
    public func calls(path: String = "") -> [(path: String, spec: OperationSpec, range: SourceRange)] {
        switch self {
        case .constant, .reference: []
        case .list(let elements), .gather(_, let elements):
            elements.enumerated().flatMap { position, element in element.calls(path: "\(path)[\(position)]") }
        case .call(let spec, let arguments, let range):
            [(path, spec, range)]
                + arguments.flatMap { argument in
                    argument.value.calls(path: path.isEmpty ? argument.name : "\(path).\(argument.name)")
                }
        }
    }
}
