/// Explains why a statement's key is not the one of the last run, by comparing its key parts with
/// the parts the last run's record kept for the same statement.
struct ReasonFinder {
    let plan: Plan
    let keys: StatementKeys
    /// The last run's statements, by identity (see `identity(of:)`).
    private let previous: [String: StatementRecord]
    /// The last run's parameter values, by name.
    private let previousParameters: [String: String]

    init(plan: Plan, keys: StatementKeys, previous record: RunRecord?) {
        self.plan = plan
        self.keys = keys
        var previous: [String: StatementRecord] = [:]
        var occurrences: [String: Int] = [:]
        for statement in record?.statements ?? [] {
            let identity = StatementIdentity.of(
                binding: statement.binding, source: statement.source, occurrences: &occurrences)
            previous[identity] = statement
        }
        self.previous = previous
        previousParameters = Dictionary(
            (record?.parameters ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The last run's record of each statement of `plan`, nil for new ones.
    func previousRecords() -> [StatementRecord?] {
        var occurrences: [String: Int] = [:]
        return plan.statements.map { statement in
            previous[
                StatementIdentity.of(binding: statement.binding, source: statement.source, occurrences: &occurrences)]
        }
    }

    /// Why statement `index`, whose last record is `record`, has another key than it had then;
    /// nil when its key is the same.
    func reason(for index: Int, previous record: StatementRecord?) -> RunReason? {
        guard let record, let old = record.keyParts else { return record == nil ? .new : .keyChanged }
        let current = keys.parts[index]
        guard old != current else { return nil }
        let oldParts = Dictionary(
            old.parts.map { ($0.name + "\u{0}" + $0.kind.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        var fileNumber = 0
        for part in current.parts {
            if part.kind == .file { fileNumber += 1 }
            let before = oldParts[part.name + "\u{0}" + part.kind.rawValue]
            guard before?.value != part.value else { continue }
            return explain(part, old: before, fileNumber: fileNumber, in: index)
        }
        let currentNames = Set(current.parts.map(\.name))
        if let removed = old.parts.first(where: { !currentNames.contains($0.name) }) {
            return .argumentChanged(name: removed.name, old: removed.value, new: "default")
        }
        return .keyChanged
    }

    private func explain(_ part: KeyParts.Part, old: KeyParts.Part?, fileNumber: Int, in index: Int) -> RunReason {
        switch part.kind {
        case .operation:
            let (newName, newVersion) = Self.splitOperation(part.value)
            guard let old else { return .argumentChanged(name: part.name, old: "default", new: newName) }
            let (oldName, oldVersion) = Self.splitOperation(old.value)
            return oldName == newName
                ? .operationVersionChanged(operation: newName, old: oldVersion, new: newVersion)
                : .operationChanged(old: oldName, new: newName)
        case .reference:
            guard let input = keys.references[index][part.name] else { return .keyChanged }
            let statement = plan.statements[input]
            return .inputChanged(
                name: statement.binding ?? statement.source, line: statement.statement.range.start.line)
        case .file:
            let inputs = keys.inputs[index]
            return .fileChanged(path: fileNumber - 1 < inputs.count ? inputs[fileNumber - 1].path : part.name)
        case .seed:
            return .seedChanged
        case .argument:
            for name in plan.statements[index].parameters {
                guard let now = plan.parameters.first(where: { $0.name == name })?.value.literalText,
                    let before = previousParameters[name], before != now
                else { continue }
                return .parameterChanged(name: name, old: before, new: now)
            }
            return .argumentChanged(name: part.name, old: old?.value ?? "default", new: part.value)
        }
    }

    /// `("train", "v2")` from `train v2`.
    private static func splitOperation(_ text: String) -> (String, String) {
        guard let space = text.lastIndex(of: " ") else { return (text, "") }
        return (String(text[..<space]), String(text[text.index(after: space)...]))
    }
}
