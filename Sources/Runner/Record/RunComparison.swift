/// What changed between a run and the last run of its notebook (`RunRecord.previous`): the
/// parameters whose values changed, the displayed results that differ, and the statements added
/// and removed.
///
/// Statements are matched by identity (`StatementIdentity`): the name a statement binds, or the
/// text of a displayed expression (spaces aside) and how many identical ones come before it, and a
/// sweep member's point. That survives what edits do most, moving a statement, inserting cells or
/// lines around it and changing the arguments of a binding, where line numbers, cell numbers and
/// cache keys all change. An edited displayed expression is another expression: removed and added.
public struct RunComparison: Sendable {
    /// When the last run started, ISO 8601.
    public var since: String
    /// The parameters whose value changed, or that one of the runs lacks, in this run's order.
    public var parameters: [ParameterChange]
    /// This run's displayed statements whose value differs from the last run's.
    public var changed: [StatementRecord]
    /// This run's statements that the last run did not have.
    public var added: [StatementRecord]
    /// The last run's statements that this run does not have.
    public var removed: [PreviousRun.Statement]
    /// The last run's value of each statement in `changed`, by index.
    private var previousDisplays: [Int: DisplayValue]

    /// A parameter's value in the last run and in this one.
    public struct ParameterChange: Hashable, Sendable {
        /// The parameter's name.
        public var name: String
        /// Its value in the last run, as a notebook literal; nil when the last run had no such parameter.
        public var old: String?
        /// Its value in this run; nil when this run has no such parameter.
        public var new: String?
        /// Whether `--set` gave either value.
        public var bySet: Bool

        /// Creates a change.
        public init(name: String, old: String?, new: String?, bySet: Bool) {
            self.name = name
            self.old = old
            self.new = new
            self.bySet = bySet
        }
    }

    /// What changed since `record.previous`; nil for a first run.
    public init?(_ record: RunRecord) {
        guard let previous = record.previous else { return nil }
        since = previous.startedAt
        parameters = Self.parameterChanges(from: previous.parameters, to: record.parameters)
        let old = Dictionary(
            previous.statements.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        let identities = StatementIdentity.of(record.statements)
        var changed: [StatementRecord] = []
        var added: [StatementRecord] = []
        var displays: [Int: DisplayValue] = [:]
        for (statement, identity) in zip(record.statements, identities) {
            guard let before = old[identity] else {
                added.append(statement)
                continue
            }
            let shown = statement.binding == nil && (statement.status == .ran || statement.status == .cached)
            guard shown, let display = statement.display?.comparable, let oldDisplay = before.display,
                display != oldDisplay
            else { continue }
            changed.append(statement)
            displays[statement.index] = oldDisplay
        }
        let current = Set(identities)
        self.changed = changed
        self.added = added
        removed = previous.statements.filter { !current.contains($0.identity) }
        previousDisplays = displays
    }

    /// The last run's value of statement `index` of this run, when its value changed.
    public func previousDisplay(of index: Int) -> DisplayValue? {
        previousDisplays[index]
    }

    /// Whether nothing changed: the same parameters, statements and results.
    public var isEmpty: Bool {
        parameters.isEmpty && changed.isEmpty && added.isEmpty && removed.isEmpty
    }

    private static func parameterChanges(
        from old: [RunRecord.Parameter], to new: [RunRecord.Parameter]
    ) -> [ParameterChange] {
        let before = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(new.map(\.name))
        let changes = new.compactMap { parameter -> ParameterChange? in
            let last = before[parameter.name]
            guard last?.value != parameter.value else { return nil }
            return ParameterChange(
                name: parameter.name, old: last?.value, new: parameter.value,
                bySet: parameter.overridden || last?.overridden == true)
        }
        let dropped = old.filter { !names.contains($0.name) }.map {
            ParameterChange(name: $0.name, old: $0.value, new: nil, bySet: $0.overridden)
        }
        return changes + dropped
    }
}
