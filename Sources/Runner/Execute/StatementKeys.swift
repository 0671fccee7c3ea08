/// Every statement's key parts and cache keys, computed before anything runs: keys depend only
/// on the plan and the bytes of the files the statements will read, so a statement's key is
/// known without computing its inputs.
public struct StatementKeys: Sendable {
    /// Each statement's key parts.
    public let parts: [KeyParts]
    /// Each statement's value key: what dependents hash.
    public let keys: [CacheKey]
    /// The key each statement's cache entry is stored under: its value key plus the display
    /// version of the operation it calls. Dependents hash the value key only, so an operation that
    /// changes how its values look (not what they are) recomputes its own statements and nothing
    /// after them.
    public let entryKeys: [CacheKey]
    /// The key of a resumable statement's lineage (its parts without the resumable argument),
    /// which its snapshots are stored under; nil for other statements.
    public let lineageKeys: [CacheKey?]
    /// The files each statement reads, with their digests.
    public let inputs: [[InputFileRecord]]
    /// For each statement, the statement each `.reference` part reads, by part name.
    public let references: [[String: Int]]

    /// Computes the keys of `plan`'s statements with `seeds`, hashing input files through
    /// `digests` (nil hashes them without remembering).
    public init(plan: Plan, seeds: [UInt64], digests: FileDigests? = nil) {
        var builder = PartsBuilder(plan: plan, digests: digests ?? FileDigests(memo: nil))
        var parts: [KeyParts] = []
        var inputs: [[InputFileRecord]] = []
        var references: [[String: Int]] = []
        var lineageKeys: [CacheKey?] = []
        for statement in plan.statements {
            builder.start()
            var callIndex = 0
            builder.add(statement.expression, path: "", seed: seeds[statement.index], callIndex: &callIndex)
            parts.append(builder.parts)
            inputs.append(builder.inputs)
            references.append(builder.references)
            builder.keys.append(builder.parts.key)
            lineageKeys.append(
                statement.expression.operation?.resumableBy.map { builder.parts.key(without: $0) })
        }
        self.parts = parts
        self.keys = builder.keys
        self.inputs = inputs
        self.references = references
        self.lineageKeys = lineageKeys
        self.entryKeys = Self.entryKeys(for: plan, keys: builder.keys)
    }

    private static func entryKeys(for plan: Plan, keys: [CacheKey]) -> [CacheKey] {
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
}

/// Collects one statement's parts at a time, in the same pre-order the executor numbers calls in.
private struct PartsBuilder {
    let plan: Plan
    let digests: FileDigests
    var keys: [CacheKey] = []
    var parts = KeyParts()
    var inputs: [InputFileRecord] = []
    var references: [String: Int] = [:]

    init(plan: Plan, digests: FileDigests) {
        self.plan = plan
        self.digests = digests
    }

    mutating func start() {
        parts = KeyParts()
        inputs = []
        references = [:]
    }

    mutating func add(_ expression: ResolvedExpr, path: String, seed: UInt64, callIndex: inout Int) {
        switch expression {
        case .constant(let value):
            parts.parts.append(.init(.argument, path, value.keyText))
        case .reference(let index):
            references[path] = index
            parts.parts.append(.init(.reference, path, index < keys.count ? keys[index].description : "?"))
        case .list(let elements):
            parts.parts.append(.init(.argument, path, "list of \(elements.count)"))
            for (position, element) in elements.enumerated() {
                add(element, path: "\(path)[\(position)]", seed: seed, callIndex: &callIndex)
            }
        case .call(let spec, let arguments):
            let index = callIndex
            callIndex += 1
            parts.parts.append(.init(.operation, path, "\(spec.name) v\(spec.version)"))
            for argument in arguments {
                let name = path.isEmpty ? argument.name : "\(path).\(argument.name)"
                add(argument.value, path: name, seed: seed, callIndex: &callIndex)
            }
            addFiles(of: spec, arguments: arguments, path: path)
            // An explicit `seed:` argument is already a part.
            if spec.isRandom, !arguments.contains(where: { $0.name == "seed" }) {
                parts.parts.append(.init(.seed, path, String(Seeds.callSeed(seed, callIndex: index))))
            }
        }
    }

    /// The digests of the files `spec` will read, named by their place in the call: their paths
    /// are not part of the key, so the same bytes found elsewhere are the same input.
    private mutating func addFiles(
        of spec: OperationSpec, arguments: [(name: String, value: ResolvedExpr)], path: String
    ) {
        guard let inputFiles = spec.inputFiles else { return }
        var constants: [String: Value] = [:]
        for argument in arguments {
            if let value = constant(argument.value) { constants[argument.name] = value }
        }
        let prefix = path.isEmpty ? "" : path + "."
        guard let files = try? inputFiles(constants) else {
            // The call will fail when it runs, saying why; until the files exist it has no digest.
            parts.parts.append(.init(.file, prefix + "files", "not found"))
            return
        }
        for (position, file) in files.enumerated() {
            let digest = digests.digest(of: file.path)
            inputs.append(InputFileRecord(path: file.path, origin: file.origin, sha256: digest))
            parts.parts.append(.init(.file, prefix + "file \(position + 1)", digest ?? "unreadable"))
        }
    }

    /// The value of `expression` when it is known before running: a literal, a parameter, or a
    /// name bound to one.
    private func constant(_ expression: ResolvedExpr) -> Value? {
        switch expression {
        case .constant(let value): return value
        case .reference(let index):
            guard plan.statements.indices.contains(index), plan.statements[index].index == index else { return nil }
            return constant(plan.statements[index].expression)
        case .list(let elements):
            var values: [Value] = []
            for element in elements {
                guard let value = constant(element) else { return nil }
                values.append(value)
            }
            return .list(values)
        case .call: return nil
        }
    }
}
