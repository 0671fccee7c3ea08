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

    /// One statement's decision.
    public struct Decision: Sendable {
        /// What happens to it.
        public var action: Action
        /// Why it does not come from the cache; nil when it does.
        public var reason: RunReason?
    }

    /// Each statement's decision, in document order.
    public let decisions: [Decision]
    /// Each statement's cache entry, found by a header-only lookup.
    let entries: [CacheEntry?]
    /// Why entries that exist could not be used, by statement, for warnings.
    let unusable: [Int: String]
    /// Whether a statement's value must be loaded or computed because a statement that runs reads it.
    let needsValue: [Bool]

    /// Decides, for `plan` with `keys`, from the entries in `cache` (none when nil or `fresh`),
    /// explaining changes against the `previous` run's record.
    init(plan: Plan, keys: StatementKeys, cache: CacheStore?, fresh: Bool, previous: RunRecord?) {
        let count = plan.statements.count
        var entries: [CacheEntry?] = Array(repeating: nil, count: count)
        var unusable: [Int: String] = [:]
        if let cache, !fresh {
            for statement in plan.statements where !statement.expression.hasSideEffects {
                switch cache.load(keys.entryKeys[statement.index]) {
                case .miss: break
                case .hit(let entry): entries[statement.index] = entry
                case .unusable(let reason): unusable[statement.index] = reason
                }
            }
        }
        let finder = ReasonFinder(plan: plan, keys: keys, previous: previous)
        let previousRecords = finder.previousRecords()
        var decisions = Array(repeating: Decision(action: .cached, reason: nil), count: count)
        var needsValue = Array(repeating: false, count: count)
        // Backwards, since a statement only reads earlier ones; who needs each value, for the reason.
        var neededBy: [Int: Int] = [:]
        for statement in plan.statements.reversed() {
            let index = statement.index
            if let entry = entries[index] {
                guard needsValue[index], entry.payload == nil, let reader = neededBy[index] else { continue }
                let line = plan.statements[reader].statement.range.start.line
                decisions[index] = Decision(
                    action: .run,
                    reason: .valueNeeded(
                        by: plan.statements[reader].binding ?? plan.statements[reader].source, line: line))
            } else {
                let reason: RunReason
                if statement.expression.hasSideEffects {
                    reason = .sideEffects
                } else if fresh {
                    reason = .fresh
                } else if let changed = finder.reason(for: index, previous: previousRecords[index]) {
                    reason = changed
                } else {
                    reason = unusable[index].map { .entryDamaged(reason: $0) } ?? .entryMissing
                }
                var action = Action.run
                if !fresh, let cache, let lineage = keys.lineageKeys[index],
                    let parameter = statement.expression.operation?.resumableBy,
                    let target = keys.parts[index].argument(parameter).flatMap({ Int($0) }),
                    let point = SnapshotStore(cache: cache, lineage: lineage).resumePoint(for: target)
                {
                    action = .resume(point)
                }
                decisions[index] = Decision(action: action, reason: reason)
            }
            // Backwards, so the reader named last is the first in the notebook.
            for input in statement.inputs {
                needsValue[input] = true
                neededBy[input] = index
            }
        }
        self.decisions = decisions
        self.entries = entries
        self.unusable = unusable
        self.needsValue = needsValue
    }
}
