import Foundation
import Notebook

/// The mutable state of one run: values computed or loaded, and each statement's outcome.
final class ExecutionRun {
    private let plan: Plan
    private let cache: CacheStore?
    private let seeds: [UInt64]
    private let keys: [CacheKey]
    /// Where each statement's entry is cached: its key plus its display version (see `StatementKeys.entryKeys`).
    private let entryKeys: [CacheKey]
    private var entries: [CacheEntry?]
    private var values: [Value?]
    private var status: [StatementStatus?]
    private var cacheHit: [Bool]
    private var seconds: [Double]
    private var display: [DisplayValue?]
    private var messages: [String?]
    /// Where events go: the executor's observer, through a log that keeps warnings.
    private let log: WarningLog
    private let clock = ContinuousClock()

    init(executor: Executor) {
        plan = executor.plan
        cache = executor.cache
        log = WarningLog(forwardingTo: executor.observer)
        seeds = Seeds.statementSeeds(for: plan)
        keys = StatementKeys.compute(for: plan, seeds: seeds)
        entryKeys = StatementKeys.entryKeys(for: plan, keys: keys)
        let count = plan.statements.count
        entries = Array(repeating: nil, count: count)
        values = Array(repeating: nil, count: count)
        status = Array(repeating: nil, count: count)
        cacheHit = Array(repeating: false, count: count)
        seconds = Array(repeating: 0, count: count)
        display = Array(repeating: nil, count: count)
        messages = Array(repeating: nil, count: count)
        if !executor.fresh { lookUpEntries() }
    }

    /// Runs every statement in document order.
    func execute() {
        let (mustRun, needsValue) = schedule()
        for statement in plan.statements {
            let index = statement.index
            if mustRun[index] {
                compute(index)
            } else {
                let start = clock.now
                if needsValue[index], !load(index) {
                    compute(index)
                } else {
                    let elapsed = (clock.now - start).seconds
                    finish(index, .cached, display: entries[index]?.display, seconds: elapsed, hit: true)
                }
            }
            release(inputsOf: statement)
        }
    }

    /// Drops the values only `statement` still needed, and its own if nothing reads it, so a
    /// long notebook does not keep every data set and model in memory to the end. A value dropped too early would only be
    /// recomputed, never wrong.
    private func release(inputsOf statement: PlannedStatement) {
        for input in statement.inputs where plan.graph.dependents[input].allSatisfy({ $0 <= statement.index }) {
            values[input] = nil
        }
        if plan.graph.dependents[statement.index].isEmpty { values[statement.index] = nil }
    }

    /// The run record's statement entries.
    func records() -> [StatementRecord] {
        plan.statements.map { statement in
            let index = statement.index
            return StatementRecord(
                index: index, cell: statement.statement.cell, range: statement.statement.range,
                source: statement.source,
                binding: statement.binding, status: status[index] ?? .skipped, cacheHit: cacheHit[index],
                seconds: seconds[index], seed: seeds[index], key: entryKeys[index].description, display: display[index],
                message: messages[index], warnings: log.warnings(for: index))
        }
    }

    // MARK: - Scheduling

    private func lookUpEntries() {
        guard let cache else { return }
        for statement in plan.statements where !statement.expression.hasSideEffects {
            switch cache.load(entryKeys[statement.index]) {
            case .miss: break
            case .hit(let entry): entries[statement.index] = entry
            case .unusable(let reason):
                warn(statement, RunError.unusableCacheEntry(line: line(of: statement.index), reason: reason))
            }
        }
    }

    /// Which statements must run (no cached result, or a value needed that the cache does not
    /// keep), and which cached values must be loaded. Walks backwards, since a statement only
    /// reads earlier ones.
    private func schedule() -> (mustRun: [Bool], needsValue: [Bool]) {
        let count = plan.statements.count
        var mustRun = Array(repeating: false, count: count)
        var needsValue = Array(repeating: false, count: count)
        for statement in plan.statements.reversed() {
            let index = statement.index
            let entry = entries[index]
            mustRun[index] = entry == nil || (needsValue[index] && entry?.payload == nil)
            if mustRun[index] {
                for input in statement.inputs { needsValue[input] = true }
            }
        }
        return (mustRun, needsValue)
    }

    // MARK: - Computing

    /// Computes statement `index`, first making sure its inputs have values; marks it skipped
    /// if one of them failed.
    private func compute(_ index: Int) {
        let statement = plan.statements[index]
        for input in statement.inputs where values[input] == nil {
            if status[input] == .cached || status[input] == nil, !load(input) { compute(input) }
            guard values[input] != nil else {
                let error = RunError.inputDidNotRun(
                    name: plan.statements[input].binding ?? "?", line: line(of: input),
                    failed: status[input] == .failed)
                messages[index] = error.description
                finish(index, .skipped, display: nil, seconds: 0, hit: false)
                return
            }
        }
        log.receive(.statementStarted(statement.info))
        let start = clock.now
        do {
            var callIndex = 0
            let value = try evaluate(statement.expression, in: statement, callIndex: &callIndex)
            values[index] = value
            let summary = value.summary()
            let elapsed = (clock.now - start).seconds
            store(value, summary: summary, for: statement)
            finish(index, .ran, display: summary, seconds: elapsed, hit: false)
        } catch {
            messages[index] = Self.message(for: error)
            finish(index, .failed, display: nil, seconds: (clock.now - start).seconds, hit: false)
        }
    }

    private func evaluate(_ expression: ResolvedExpr, in statement: PlannedStatement, callIndex: inout Int) throws
        -> Value
    {
        switch expression {
        case .constant(let value):
            return value
        case .reference(let index):
            guard let value = values[index] else { throw RunError.missingValue(statement: index) }
            return value
        case .list(let elements):
            return .list(try elements.map { try evaluate($0, in: statement, callIndex: &callIndex) })
        case .call(let spec, let arguments):
            let seed = Seeds.callSeed(seeds[statement.index], callIndex: callIndex)
            callIndex += 1
            var values: [String: Value] = [:]
            for argument in arguments {
                values[argument.name] = try evaluate(argument.value, in: statement, callIndex: &callIndex)
            }
            var explicitSeed: UInt64?
            if case .int(let given)? = values["seed"] { explicitSeed = UInt64(clamping: given) }
            let context = RunContext(seed: explicitSeed ?? seed, statement: statement.info, observer: log)
            return try spec.run(Arguments(values, operation: spec.name), context)
        }
    }

    // MARK: - Cache

    /// Loads statement `index`'s kept value; false (with a warning) if it cannot be used.
    private func load(_ index: Int) -> Bool {
        let statement = plan.statements[index]
        switch entries[index]?.payload {
        case .scalar(let value)?:
            values[index] = value
            return true
        case .domain(let format, _)?, .domainOnDisk(let format)?:
            guard let type = statement.expression.operation?.persisting, let cache else { return false }
            guard format == type.formatVersion else {
                let reason = "it holds \(type) in format \(format); this nb reads format \(type.formatVersion)"
                warn(statement, RunError.unusableCacheEntry(line: line(of: index), reason: reason))
                return false
            }
            do {
                let bytes = try cache.readPayload(for: entryKeys[index])
                do {
                    values[index] = .domain(try type.decoded(from: bytes))
                    return true
                } catch {
                    throw RunError.undecodable(type: "\(type)", reason: "\(error)")
                }
            } catch {
                warn(statement, RunError.unusableCacheEntry(line: line(of: index), reason: "\(error)"))
                return false
            }
        case nil:
            return false
        }
    }

    private func store(_ value: Value, summary: DisplayValue, for statement: PlannedStatement) {
        guard let cache else { return }
        var payload: CachePayload?
        if statement.type.isScalar {
            payload = .scalar(value)
        } else if case .domain(let domain) = value, let type = statement.expression.operation?.persisting,
            let persistent = domain as? any PersistentValue, Swift.type(of: persistent) == type
        {
            do {
                payload = .domain(formatVersion: type.formatVersion, bytes: try persistent.encoded())
            } catch {
                warn(statement, RunError.cacheWriteFailed(line: line(of: statement.index), reason: "\(error)"))
            }
        }
        let entry = CacheEntry(display: summary, payload: payload)
        do {
            try cache.store(entry, for: entryKeys[statement.index])
            entries[statement.index] = entry
        } catch {
            warn(statement, RunError.cacheWriteFailed(line: line(of: statement.index), reason: "\(error)"))
        }
    }

    // MARK: - Reporting

    private func finish(
        _ index: Int, _ outcome: StatementStatus, display value: DisplayValue?, seconds elapsed: Double, hit: Bool
    ) {
        status[index] = outcome
        display[index] = value
        seconds[index] = elapsed
        cacheHit[index] = hit
        let info = plan.statements[index].info
        log.receive(.statementFinished(info, status: outcome, seconds: elapsed, message: messages[index]))
    }

    private func warn(_ statement: PlannedStatement, _ error: RunError) {
        log.receive(.warning(statement.info, message: error.description))
    }

    /// An operation's error as a sentence: the system's plain reason for file-system errors (in
    /// nb's one wording, `SystemError`), else its description (where nb's error enums write it).
    static func message(for error: any Error) -> String {
        SystemError.reason(error)
    }

    private func line(of index: Int) -> Int {
        plan.statements[index].statement.range.start.line
    }
}
