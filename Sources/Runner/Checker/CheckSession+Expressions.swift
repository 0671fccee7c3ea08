import Notebook

/// Resolving and typing expressions: literals, lists, names; calls are in `+Calls`.
extension CheckSession {
    /// Resolves `expression`, checking it against `expected` if given; `what` names it in type
    /// errors (`argument 'epochs' of 'train'`). Returns nil after an error that leaves nothing
    /// to go on.
    mutating func resolve(_ expression: Expr, expected: ValueType?, what: CheckedItem) -> Typed? {
        let axesBefore = foundAxes.count
        guard var typed = infer(expression, expected: expected, what: what) else { return nil }
        guard let expected, let actual = typed.type else { return typed }
        guard expected.accepts(actual) else {
            if let grid = grid(foundSince: axesBefore) {
                report(
                    .wrongSweptType(what: what, expected: expected, lifted: grid.lifted(actual)), at: expression.range)
            } else {
                report(.wrongType(what: what, expected: expected, actual: actual), at: expression.range)
            }
            typed.type = nil
            return typed
        }
        typed.type = expected
        if let constant = typed.constant {
            let coerced = Self.coerce(constant, to: expected)
            typed.constant = coerced
            if case .constant = typed.expression { typed.expression = .constant(coerced) }
        }
        return typed
    }

    private mutating func infer(_ expression: Expr, expected: ValueType?, what: CheckedItem) -> Typed? {
        switch expression.kind {
        case .integer(let value): return Self.literal(.int(value), .int)
        case .float(let value): return Self.literal(.float(value), .float)
        case .string(let value): return Self.literal(.string(value), .string)
        case .bool(let value): return Self.literal(.bool(value), .bool)
        case .list(let elements): return inferList(elements, at: expression.range, expected: expected, what: what)
        case .identifier(let name): return lookUp(name, at: expression.range)
        case .call(let callee, let arguments):
            if Self.sweepForms.contains(callee.name), registry.operation(named: callee.name) == nil {
                return resolveSweep(callee, arguments, at: expression.range, expected: expected, what: what)
            }
            return resolveCall(callee, arguments, at: expression.range)
        }
    }

    private static func literal(_ value: Value, _ type: ValueType) -> Typed {
        Typed(expression: .constant(value), type: type, constant: value)
    }

    private mutating func inferList(
        _ elements: [Expr], at range: SourceRange, expected: ValueType?, what: CheckedItem
    ) -> Typed? {
        var elementType: ValueType?
        if case .list(let element)? = expected { elementType = element }
        if elements.isEmpty {
            guard let expected else {
                report(.untypedEmptyList, at: range)
                return nil
            }
            return Typed(expression: .constant(.list([])), type: expected, constant: .list([]), elements: [])
        }
        let fixed = elementType != nil
        var resolved: [ResolvedExpr] = []
        var constants: [Value]? = []
        var knownElements: [KnownArgument] = []
        var known = true
        for element in elements {
            guard let typed = resolve(element, expected: fixed ? elementType : nil, what: .element(of: what)),
                let type = typed.type
            else {
                known = false
                continue
            }
            knownElements.append(typed.known(at: element.range, text: document.source.text(in: element.range)))
            if let expression = typed.expression { resolved.append(expression) }
            if let constant = typed.constant { constants?.append(constant) } else { constants = nil }
            guard !fixed else { continue }
            if let current = elementType {
                if current.accepts(type) { continue }
                if type.accepts(current) {
                    elementType = type
                    continue
                }
                report(.mixedList(expected: current, actual: type), at: element.range)
                known = false
            } else {
                elementType = type
            }
        }
        guard known, let elementType else { return nil }
        let type = ValueType.list(elementType)
        if let constants {
            let value = Self.coerce(.list(constants), to: type)
            return Typed(expression: .constant(value), type: type, constant: value, elements: knownElements)
        }
        return Typed(expression: .list(resolved), type: type, elements: knownElements)
    }

    private mutating func lookUp(_ name: String, at range: SourceRange) -> Typed? {
        switch scope[name] {
        case .parameter(let parameter, let line)?:
            if !usedParameters.contains(name) { usedParameters.append(name) }
            var value = parameter.value
            if let members = parameter.members {
                foundAxes.append(SweepAxis(ids: [name], name: name, labels: members.map(\.literalText)))
                value = members[min(point[name] ?? 0, members.count - 1)]
            }
            let origin: ValueOrigin =
                parameter.overridden
                ? .override(name: name, text: value.literalText) : .parameter(name: name, line: line)
            return Typed(expression: .constant(value), type: parameter.type, constant: value, origin: origin)
        case .statement(let index, let type, let line, var constant, var fact, let lifted)?:
            var member = index
            if let lifted {
                foundAxes += lifted.grid.axes
                let position = lifted.grid.position(of: point)
                member = index.map { $0 + position }
                constant = lifted.constants[position]
                fact = lifted.facts[position]
            }
            let origin = constant.map { _ in ValueOrigin.binding(line: line) }
            return Typed(
                expression: member.map { .reference($0) }, type: type, constant: constant, origin: origin, fact: fact)
        case nil:
            if let line = bindingLines[name] {
                report(.usedBeforeBinding(name, boundAt: line), at: range)
            } else if registry.operation(named: name) != nil {
                report(.operationAsValue(name), at: range)
            } else {
                // Past the errors the terminal shows, a suggestion is work no one reads: 20,000
                // undefined names among 20,000 bound ones took minutes.
                let suggestion =
                    diagnostics.count < Self.suggestionLimit
                    ? DidYouMean.suggestion(for: name, among: Array(scope.keys)) : nil
                report(.undefinedName(name, suggestion: suggestion), at: range)
            }
            return nil
        }
    }

    /// How many problems the checker finds before it stops looking for did-you-mean suggestions
    /// for undefined names: twice what the renderer prints.
    static let suggestionLimit = 100

    /// `value` as `type`: Ints where Floats are expected become Floats, so `lr: 1` and
    /// `lr: 1.0` are one value and one cache key.
    static func coerce(_ value: Value, to type: ValueType) -> Value {
        switch (value, type) {
        case (.int(let number), .float): .float(Double(number))
        case (.list(let elements), .list(let element)): .list(elements.map { coerce($0, to: element) })
        default: value
        }
    }
}
