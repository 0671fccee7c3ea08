/// A statement's cache key and what it is made of: the one place keys are built. Keys are
/// computed before anything runs and depend only on the plan and the bytes of the files the
/// statements will read, so a statement's key is known without computing its inputs.
///
/// The parts are typed (`KeyParts`), the seed is derived by `Seeds`, and file digests come from
/// `FileDigests`; this type puts them together in the order the executor numbers calls in.
public struct StatementKey: Sendable {
    /// The statement's seed, derived from the notebook's seed and its identity.
    public let seed: UInt64
    /// What its key is made of.
    public let parts: KeyParts
    /// Its value key: what dependents hash.
    public let key: CacheKey
    /// The key its cache entry is stored under: its value key plus the display version of the
    /// operation it calls. Dependents hash the value key only, so an operation that changes how
    /// its values look (not what they are) recomputes its own statements and nothing after them.
    public let entryKey: CacheKey
    /// The key of a resumable statement's lineage (its parts without the resumable argument),
    /// which its snapshots are stored under; nil for other statements.
    public let lineageKey: CacheKey?
    /// The files it reads, with their digests.
    public let inputs: [InputFileRecord]
    /// The statement each `.reference` part reads, by the part's path.
    public let references: [String: Int]

    /// The keys of every statement of `plan`, in order, hashing input files through `digests`
    /// (nil hashes them without remembering).
    public static func all(for plan: Plan, digests: FileDigests? = nil) -> [StatementKey] {
        let seeds = Seeds.statementSeeds(for: plan)
        var builder = PartsBuilder(plan: plan, digests: digests ?? FileDigests(memo: nil))
        var keys: [StatementKey] = []
        var displayVersions: [Int] = []
        for statement in plan.statements {
            builder.start()
            var callIndex = 0
            builder.add(statement.expression, path: "", seed: seeds[statement.index], callIndex: &callIndex)
            let parts = KeyParts(parts: builder.parts)
            let key = parts.key
            builder.keys.append(key)
            // A bare name (`test`) shows the value of the statement it refers to, so it takes that
            // statement's display version.
            let displayVersion: Int
            switch statement.expression {
            case .call(let spec, _, _): displayVersion = spec.displayVersion
            case .reference(let index) where index < displayVersions.count: displayVersion = displayVersions[index]
            default: displayVersion = 1
            }
            displayVersions.append(displayVersion)
            keys.append(
                StatementKey(
                    seed: seeds[statement.index], parts: parts, key: key,
                    entryKey: entryKey(key, displayVersion: displayVersion),
                    lineageKey: statement.expression.operation?.resumableBy.map { parts.key(without: $0) },
                    inputs: builder.inputs, references: builder.references))
        }
        return keys
    }

    private static func entryKey(_ key: CacheKey, displayVersion: Int) -> CacheKey {
        guard displayVersion != 1 else { return key }
        var builder = KeyBuilder()
        builder.add(key)
        builder.add("display")
        builder.add(UInt64(displayVersion))
        return builder.finalize()
    }
}

/// Collects one statement's parts at a time, in the same pre-order the executor numbers calls in.
private struct PartsBuilder {
    let plan: Plan
    let digests: FileDigests
    /// The value keys of the statements done so far.
    var keys: [CacheKey] = []
    var parts: [KeyParts.Part] = []
    var inputs: [InputFileRecord] = []
    var references: [String: Int] = [:]

    init(plan: Plan, digests: FileDigests) {
        self.plan = plan
        self.digests = digests
    }

    mutating func start() {
        parts = []
        inputs = []
        references = [:]
    }

    mutating func add(_ expression: ResolvedExpr, path: String, seed: UInt64, callIndex: inout Int) {
        switch expression {
        case .constant(let value):
            parts.append(.argument(path: path, value: KeyValue(value)))
        case .reference(let index):
            references[path] = index
            parts.append(.reference(path: path, key: index < keys.count ? keys[index].description : nil))
        case .list(let elements):
            parts.append(.list(path: path, count: elements.count))
            for (position, element) in elements.enumerated() {
                add(element, path: "\(path)[\(position)]", seed: seed, callIndex: &callIndex)
            }
        case .gather(let grid, let members):
            // The axes' names and values are what an aggregating operation labels its rows with.
            let axes = grid.axes.map { axis in KeyValue.list([.string(axis.name)] + axis.labels.map(KeyValue.string)) }
            parts.append(.argument(path: path + "{axes}", value: .list(axes)))
            add(.list(members), path: path, seed: seed, callIndex: &callIndex)
        case .call(let spec, let arguments, _):
            let index = callIndex
            callIndex += 1
            parts.append(.operation(path: path, name: spec.name, version: spec.version))
            for argument in arguments {
                let name = path.isEmpty ? argument.name : "\(path).\(argument.name)"
                add(argument.value, path: name, seed: seed, callIndex: &callIndex)
            }
            addFiles(of: spec, arguments: arguments, path: path)
            // An explicit `seed:` argument is already a part.
            if spec.isRandom, !arguments.contains(where: { $0.name == "seed" }) {
                parts.append(.seed(path: path, seed: Seeds.callSeed(seed, callIndex: index)))
            }
        }
    }

    /// The digests of the files `spec` will read, by their place in the call: their paths are
    /// not part of the key, so the same bytes found elsewhere are the same input.
    private mutating func addFiles(
        of spec: OperationSpec, arguments: [(name: String, value: ResolvedExpr)], path: String
    ) {
        guard let inputFiles = spec.inputFiles else { return }
        var constants: [String: Value] = [:]
        for argument in arguments {
            if let value = constant(argument.value) { constants[argument.name] = value }
        }
        guard let files = try? inputFiles(constants) else {
            // The call will fail when it runs, saying why; until the files exist it has no digest.
            parts.append(.filesNotFound(path: path))
            return
        }
        for (position, file) in files.enumerated() {
            let digest = digests.digest(of: file.path)
            inputs.append(InputFileRecord(path: file.path, origin: file.origin, sha256: digest))
            parts.append(.file(path: path, position: position + 1, sha256: digest))
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
        case .call, .gather: return nil
        }
    }
}
