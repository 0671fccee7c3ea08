import Notebook

/// Resolving calls: the operation, then each argument against its parameter.
extension CheckSession {
    /// Resolves a call: looks up the operation, matches each argument to a parameter, fills
    /// in defaults, and reports unknown, missing, repeated and mistyped arguments.
    mutating func resolveCall(_ callee: Identifier, _ arguments: [CallArgument], at range: SourceRange) -> Typed? {
        guard let spec = registry.operation(named: callee.name) else {
            let suggestion = DidYouMean.suggestion(for: callee.name, among: registry.names)
            report(.unknownOperation(callee.name, suggestion: suggestion), at: callee.range)
            for argument in arguments { _ = resolve(argument.value, expected: nil, what: .argument) }
            return nil
        }
        var call = CallMatch()
        let positional = spec.parameters.filter(\.isPositional)
        var nextPositional = 0
        for argument in arguments {
            guard
                let parameter = match(
                    argument, of: spec, positional: positional, next: &nextPositional, call: &call)
            else {
                _ = resolve(argument.value, expected: nil, what: .argument)
                continue
            }
            call.given.insert(parameter.name)
            let what = CheckedItem.parameterArgument(name: parameter.name, operation: spec.name)
            if parameter.gathers {
                gather(argument.value, for: parameter, what: what, into: &call)
                continue
            }
            guard let typed = resolve(argument.value, expected: parameter.type, what: what), typed.type != nil else {
                call.complete = false
                continue
            }
            if !checkConstraint(parameter, typed, at: argument.value) { call.withinConstraints = false }
            let known = typed.known(at: argument.value.range, text: document.source.text(in: argument.value.range))
            if parameter.isVariadic {
                call.known[parameter.name, default: []].append(known)
            } else {
                call.known[parameter.name] = [known]
            }
            if !parameter.isVariadic, let constant = typed.constant { call.constants[parameter.name] = constant }
            if parameter.name == spec.writesFile { call.writtenRange = argument.value.range }
            guard let expression = typed.expression else { continue }
            if parameter.isVariadic {
                call.variadic.append(expression)
            } else if call.assigned[parameter.name] == nil {
                call.assigned[parameter.name] = expression
            }
        }
        let resolved = fill(spec, call: &call, at: callee.range)
        if spec.inputFiles != nil { fileReaders.append((spec, call.constants)) }
        if let name = spec.writesFile, case .string(let path)? = call.constants[name], let range = call.writtenRange {
            writtenFiles.append((path, range))
        }
        var typed = Typed(expression: .call(spec, resolved, at: range), type: call.complete ? spec.result : nil)
        if call.complete, call.withinConstraints { typed.fact = precheck(spec, call, at: range) }
        return typed
    }

    /// Resolves `value` for a parameter that gathers a sweep's members into one argument.
    private mutating func gather(
        _ value: Expr, for parameter: ParameterSpec, what: CheckedItem, into call: inout CallMatch
    ) {
        guard let typed = resolveGathered(value, expected: parameter.type, what: what),
            let expression = typed.expression
        else {
            call.complete = false
            return
        }
        call.known[parameter.name, default: []].append(
            typed.known(at: value.range, text: document.source.text(in: value.range)))
        if parameter.isVariadic {
            call.variadic.append(expression)
        } else {
            call.assigned[parameter.name] = expression
        }
    }

    /// Runs the operation's precheck on what is known of the call, reporting what it finds;
    /// returns what it says of the result.
    private mutating func precheck(_ spec: OperationSpec, _ call: CallMatch, at range: SourceRange) -> (any Sendable)? {
        guard let precheck = spec.precheck else { return nil }
        let site = Site(range: range)
        var arguments: [String: KnownArgument] = [:]
        for parameter in spec.parameters {
            if let given = call.known[parameter.name] {
                arguments[parameter.name] =
                    parameter.isVariadic
                    ? KnownArgument(constant: nil, fact: nil, elements: given, site: site, text: "") : given[0]
            } else if let constant = call.constants[parameter.name] {
                arguments[parameter.name] = KnownArgument(
                    constant: constant, fact: nil, elements: nil, site: site, text: "")
            }
        }
        let binding = current?.value.range == range ? current?.binding?.name : nil
        do {
            return try precheck(KnownCall(operation: spec.name, binding: binding, arguments: arguments, site: site))
        } catch let errors as PrecheckErrors {
            for error in errors.errors { report(.precheck(error.problem.description), at: error.site?.range ?? range) }
        } catch let error as PrecheckError {
            report(.precheck(error.problem.description), at: error.site?.range ?? range)
        } catch {
            report(.precheck(String(describing: error)), at: range)
        }
        return nil
    }

    /// What matching a call's arguments has found so far.
    private struct CallMatch {
        var assigned: [String: ResolvedExpr] = [:]
        var variadic: [ResolvedExpr] = []
        /// Parameters with an argument, even one with an error, so they are not also "missing".
        var given: Set<String> = []
        /// False after an error, so the call's type is unknown and causes no further errors.
        var complete = true
        /// False when an argument breaks its parameter's constraint: the call still has its type,
        /// but its precheck, which trusts the constraints, does not run.
        var withinConstraints = true
        var constants: [String: Value] = [:]
        /// What is known of each argument before running; a variadic parameter's are several.
        var known: [String: [KnownArgument]] = [:]
        var writtenRange: SourceRange?
    }

    /// The parameter `argument` is for: by its label, else the next positional one. Reports a
    /// label that is wrong or repeated and an argument too many; nil when there is no parameter.
    private mutating func match(
        _ argument: CallArgument, of spec: OperationSpec, positional: [ParameterSpec], next: inout Int,
        call: inout CallMatch
    ) -> ParameterSpec? {
        guard let label = argument.label else {
            guard next < positional.count else {
                report(
                    .extraPositionalArgument(operation: spec.name, positionalCount: positional.count),
                    at: argument.range)
                call.complete = false
                return nil
            }
            let parameter = positional[next]
            if !parameter.isVariadic { next += 1 }
            return parameter
        }
        let parameter = spec.parameter(named: label.name)
        if let found = parameter, found.isPositional {
            report(.labelOnPositional(name: label.name, operation: spec.name), at: label.range)
            call.complete = false
        } else if parameter == nil {
            let labels = spec.parameters.filter { !$0.isPositional }.map(\.name)
            let suggestion = DidYouMean.suggestion(for: label.name, among: labels)
            report(.unknownArgument(label: label.name, operation: spec.name, suggestion: suggestion), at: label.range)
            call.complete = false
        } else if call.given.contains(label.name) {
            report(.repeatedArgument(name: label.name, operation: spec.name), at: label.range)
            call.complete = false
        }
        return parameter
    }

    /// The call's arguments in parameter order, with defaults for the omitted ones; reports the
    /// missing required ones at `range`.
    private mutating func fill(
        _ spec: OperationSpec, call: inout CallMatch, at range: SourceRange
    ) -> [(name: String, value: ResolvedExpr)] {
        var resolved: [(name: String, value: ResolvedExpr)] = []
        for parameter in spec.parameters {
            if parameter.isVariadic, !call.variadic.isEmpty {
                resolved.append((parameter.name, .list(call.variadic)))
            } else if let value = call.assigned[parameter.name] {
                resolved.append((parameter.name, value))
            } else if let defaultValue = parameter.defaultValue {
                let value = Self.coerce(defaultValue.value, to: parameter.type)
                resolved.append((parameter.name, .constant(value)))
                call.constants[parameter.name] = value
            } else if !parameter.isOptional, !call.given.contains(parameter.name) {
                let missing = CheckError.missingArgument(
                    name: parameter.name, type: parameter.type, positional: parameter.isPositional,
                    operation: spec.name)
                report(missing, at: range)
                call.complete = false
            }
        }
        return resolved
    }

    /// Reports every constant path a call writes that is the notebook, a file a call reads, or in
    /// `cacheDirectory`, at the path's argument.
    mutating func checkWrites(cacheDirectory: String?) {
        guard !writtenFiles.isEmpty else { return }
        let inputs = fileReaders.flatMap { reader in
            ((try? reader.spec.inputFiles?(reader.constants)) ?? []).map(\.path)
        }
        let guarding = WriteGuard(
            notebook: document.source.path, inputs: inputs, cacheDirectory: cacheDirectory)
        for (path, range) in writtenFiles {
            if let protected = guarding.protected(path) {
                report(.replacesProtectedFile(path: path, protected: protected), at: range)
            }
        }
    }

    /// Reports a constant argument outside the parameter's constraint, at the offending list
    /// element when the argument is a list literal.
    /// Reports the argument `typed` if it breaks `parameter`'s constraint; false when it does.
    private mutating func checkConstraint(_ parameter: ParameterSpec, _ typed: Typed, at expression: Expr) -> Bool {
        guard let constraint = parameter.constraint, let value = typed.constant, !constraint.allows(value) else {
            return true
        }
        var offending = (value: value, range: typed.memberRange ?? expression.range)
        if case .list(let elements) = value, case .list(let written) = expression.kind, elements.count == written.count,
            let index = elements.firstIndex(where: { !constraint.allows($0) })
        {
            offending = (elements[index], written[index].range)
        }
        let error = CheckError.outOfRange(
            name: parameter.name, constraint: constraint, value: offending.value.literalText,
            origin: typed.origin)
        report(error, at: offending.range)
        return false
    }
}
