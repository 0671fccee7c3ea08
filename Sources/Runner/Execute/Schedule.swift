/// What a run will do with each statement, and why, decided before anything runs: what `--plan`
/// prints and what the executor follows.
public struct Schedule: Sendable {
    /// What happens to one statement.
    public enum Action: Hashable, Sendable {
        /// Its cached result is used (and its value loaded if a statement that runs needs it).
        case cached
        /// It continues from a stored snapshot (or takes one of exactly its steps).
        case resume(ResumePoint)
        /// It is computed.
        case run
    }

    /// One statement's decision, and what the run needs to follow it.
    public struct Decision: Sendable {
        /// What happens to it.
        public var action: Action = .cached
        /// Why it does not come from the cache; nil when it does.
        public var reason: RunReason?
        /// Its cache entry, found by a header-only lookup.
        var entry: CacheEntry?
        /// Why an entry that exists could not be used, for a warning.
        var unusable: String?
        /// Whether its value must be loaded or computed because a statement that runs reads it.
        var needsValue = false
    }

    /// Each statement's key, in document order.
    public let keys: [StatementKey]
    /// Each statement's decision, in document order.
    public let decisions: [Decision]

    /// Decides, for `plan` with `keys`, from the entries in `cache` (none when nil or `fresh`),
    /// explaining changes against the `previous` run's record.
    init(plan: Plan, keys: [StatementKey], cache: CacheStore?, fresh: Bool, previous: RunRecord?) {
        var decisions = Array(repeating: Decision(), count: plan.statements.count)
        if let cache, !fresh {
            for statement in plan.statements where !statement.expression.hasSideEffects {
                switch cache.load(keys[statement.index].entryKey) {
                case .miss: break
                case .hit(let entry): decisions[statement.index].entry = entry
                case .unusable(let reason): decisions[statement.index].unusable = reason
                }
            }
        }
        let finder = ReasonFinder(plan: plan, keys: keys, previous: previous)
        let previousRecords = finder.previousRecords()
        // Backwards, since a statement only reads earlier ones; who needs each value, for the reason.
        var neededBy: [Int: Int] = [:]
        for statement in plan.statements.reversed() {
            let index = statement.index
            if let entry = decisions[index].entry {
                // A cached statement needs none of its inputs, unless it must run for its value.
                guard decisions[index].needsValue, entry.payload == nil, let reader = neededBy[index] else { continue }
                let line = plan.statements[reader].statement.range.start.line
                decisions[index].action = .run
                decisions[index].reason = .valueNeeded(
                    by: plan.statements[reader].binding ?? plan.statements[reader].source, line: line)
            } else {
                decisions[index].reason = Self.reason(
                    for: statement, fresh: fresh, unusable: decisions[index].unusable,
                    changed: finder.reason(for: index, previous: previousRecords[index]))
                decisions[index].action = Self.action(for: statement, key: keys[index], cache: fresh ? nil : cache)
            }
            // Backwards, so the reader named last is the first in the notebook.
            for input in statement.inputs {
                decisions[input].needsValue = true
                neededBy[input] = index
            }
        }
        self.keys = keys
        self.decisions = decisions
    }

    /// Why a statement with no usable entry runs.
    private static func reason(
        for statement: PlannedStatement, fresh: Bool, unusable: String?, changed: RunReason?
    ) -> RunReason {
        if statement.expression.hasSideEffects { return .sideEffects }
        if fresh { return .fresh }
        return changed ?? unusable.map { .entryDamaged(reason: $0) } ?? .entryMissing
    }

    /// Runs, or resumes a resumable statement from the snapshot nearest the step its key asks for.
    private static func action(for statement: PlannedStatement, key: StatementKey, cache: CacheStore?) -> Action {
        guard let cache, let lineage = key.lineageKey, let parameter = statement.expression.operation?.resumableBy,
            case .int(let target)? = key.parts.argument(parameter),
            let point = SnapshotStore(cache: cache, lineage: lineage).resumePoint(for: target)
        else { return .run }
        return .resume(point)
    }
}
