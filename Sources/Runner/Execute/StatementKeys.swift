/// Computes every statement's cache key before anything runs: keys depend only on the plan,
/// so a statement's key is known without computing its inputs.
public enum StatementKeys {
    /// The key of each statement, given each statement's seed.
    public static func compute(for plan: Plan, seeds: [UInt64]) -> [CacheKey] {
        var keys: [CacheKey] = []
        for statement in plan.statements {
            var builder = KeyBuilder()
            var callIndex = 0
            add(statement.expression, seed: seeds[statement.index], callIndex: &callIndex, keys: keys, to: &builder)
            keys.append(builder.finalize())
        }
        return keys
    }

    /// The key each statement's cache entry is stored under: its value key plus the display version
    /// of the operation it calls. Dependents hash the value key only, so an operation that changes
    /// how its values look (not what they are) recomputes its own statements and nothing after them.
    public static func entryKeys(for plan: Plan, keys: [CacheKey]) -> [CacheKey] {
        // A bare name (`test`) shows the value of the statement it refers to, so it takes that
        // statement's display version.
        var displayVersions: [Int] = []
        for statement in plan.statements {
            switch statement.expression {
            case .call(let spec, _): displayVersions.append(spec.displayVersion)
            case .reference(let index) where index < displayVersions.count:
                displayVersions.append(displayVersions[index])
            default: displayVersions.append(1)
            }
        }
        return plan.statements.map { statement in
            let displayVersion = displayVersions[statement.index]
            guard displayVersion != 1 else { return keys[statement.index] }
            var builder = KeyBuilder()
            builder.add(keys[statement.index])
            builder.add("display")
            builder.add(UInt64(displayVersion))
            return builder.finalize()
        }
    }

    /// Adds `expression` in the same pre-order the executor numbers calls in.
    private static func add(
        _ expression: ResolvedExpr, seed: UInt64, callIndex: inout Int, keys: [CacheKey], to builder: inout KeyBuilder
    ) {
        switch expression {
        case .constant(let value):
            builder.add("constant")
            builder.add(value)
        case .reference(let index):
            builder.add("reference")
            if index < keys.count { builder.add(keys[index]) }
        case .list(let elements):
            builder.add("list")
            builder.add(UInt64(elements.count))
            for element in elements { add(element, seed: seed, callIndex: &callIndex, keys: keys, to: &builder) }
        case .call(let spec, let arguments):
            let index = callIndex
            callIndex += 1
            builder.add("call")
            builder.add(spec.name)
            builder.add(UInt64(spec.version))
            builder.add(UInt64(arguments.count))
            for argument in arguments {
                builder.add(argument.name)
                add(argument.value, seed: seed, callIndex: &callIndex, keys: keys, to: &builder)
            }
            // An explicit `seed:` argument is already hashed above.
            if spec.isRandom, !arguments.contains(where: { $0.name == "seed" }) {
                builder.add("seed")
                builder.add(Seeds.callSeed(seed, callIndex: index))
            }
        }
    }
}
