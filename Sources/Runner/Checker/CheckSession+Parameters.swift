import Notebook

/// The front matter's parameters, with `--set` applied; a parameter given several values
/// (`beta: sweep([0.5, 1])`, `--set beta=0.5,1`) is swept.
extension CheckSession {
    /// Types the front-matter parameters from their defaults and applies the overrides.
    mutating func readParameters(overrides: [String]) {
        let declared = declaredParameters()
        var given: [String: ParameterOverride] = [:]
        for argument in overrides {
            switch ParameterOverride.parse(argument) {
            case .failure(let error):
                report(error, at: nil)
            case .success(let override):
                guard declared.contains(where: { $0.name.name == override.name }) else {
                    report(.unknownParameter(override.name, known: declared.map(\.name.name)), at: nil)
                    continue
                }
                if given[override.name] != nil {
                    report(.repeatedOverride(override.name), at: nil)
                }
                given[override.name] = override
            }
        }
        for (name, type, defaults, swept) in declared {
            var values = defaults
            var isSwept = swept
            if let override = given[name.name] {
                guard let overridden = override.values(as: type) else {
                    report(.overrideType(name: name.name, type: type, text: override.text), at: nil)
                    // In scope with its declared type but no value, so its uses are checked
                    // without a false "undefined name" each.
                    scope[name.name] = .statement(index: nil, type: type, line: name.range.start.line, constant: nil)
                    continue
                }
                values = overridden
                isSwept = overridden.count > 1
            }
            let parameter = PlanParameter(
                name: name.name, type: type, value: values[0], overridden: given[name.name] != nil,
                members: isSwept ? values : nil)
            parameters.append(parameter)
            scope[name.name] = .parameter(parameter, line: name.range.start.line)
        }
    }

    /// The front matter's parameters with their types and default values (several when swept).
    private mutating func declaredParameters() -> [(name: Identifier, type: ValueType, values: [Value], swept: Bool)] {
        var declared: [(name: Identifier, type: ValueType, values: [Value], swept: Bool)] = []
        for parameter in document.frontMatter?.parameters ?? [] {
            let what = CheckedItem.parameter(parameter.name.name)
            guard case .call(let callee, let arguments) = parameter.value.kind, callee.name == "sweep" else {
                guard let typed = resolve(parameter.value, expected: nil, what: what),
                    let type = typed.type, case .constant(let value) = typed.expression
                else { continue }
                declared.append((parameter.name, type, [value], false))
                continue
            }
            guard let elements = Self.sweepElements(arguments), arguments.count == 1 else {
                report(.malformedSweep, at: parameter.value.range)
                continue
            }
            // `sweep([1, 2.5])` is a sweep of Floats, as `[1, 2.5]` is a list of them.
            var type: ValueType? = elements.contains { if case .float = $0.kind { true } else { false } } ? .float : nil
            var values: [Value] = []
            for element in elements {
                guard let typed = resolve(element, expected: type, what: .member(of: what)),
                    let memberType = typed.type, case .constant(let value) = typed.expression
                else { break }
                type = type ?? memberType
                values.append(value)
            }
            guard let type, values.count == elements.count else { continue }
            declared.append((parameter.name, type, values, true))
        }
        return declared
    }
}
