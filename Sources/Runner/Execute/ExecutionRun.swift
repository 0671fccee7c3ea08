import Files
import Foundation
import Notebook

/// The mutable state of one run: one `StatementState` per statement, filled in document order
/// following the schedule.
final class ExecutionRun {
    private let plan: Plan
    private let cache: CacheStore?
    private let keys: [StatementKey]
    private let schedule: Schedule
    private let stop: StopRequest?
    private var states: [StatementState]
    /// Where events go: the executor's observer, through a log that keeps warnings.
    private let log: WarningLog
    /// What no call may write over: the notebook, the files the statements read, the cache.
    private let writeGuard: WriteGuard
    private let clock = ContinuousClock()

    init(executor: Executor, schedule: Schedule) {
        plan = executor.plan
        cache = executor.cache
        stop = executor.stop
        log = WarningLog(forwardingTo: executor.observer)
        keys = schedule.keys
        self.schedule = schedule
        states = schedule.decisions.map { StatementState(entry: $0.entry) }
        writeGuard = WriteGuard(
            notebook: plan.document.source.path, inputs: keys.flatMap { $0.inputs.map(\.path) },
            cacheDirectory: cache?.directory.path)
        for (index, decision) in schedule.decisions.enumerated() {
            guard let reason = decision.unusable else { continue }
            warn(plan.statements[index], RunError.unusableCacheEntry(line: line(of: index), reason: reason))
        }
    }

    /// Runs every statement in document order.
    func execute() {
        for statement in plan.statements {
            let index = statement.index
            let decision = schedule.decisions[index]
            if decision.action != .cached {
                states[index].reason = decision.reason
                compute(index)
            } else {
                let start = clock.now
                if decision.needsValue, !load(index) {
                    states[index].reason = .entryDamaged(reason: CacheEntryError.valueUnreadable.description)
                    compute(index)
                } else {
                    finish(index, .cached, display: states[index].entry?.display, seconds: (clock.now - start).seconds)
                }
            }
            release(inputsOf: statement)
        }
    }

    /// Drops the values only `statement` still needed, and its own if nothing reads it, so a
    /// long notebook does not keep every data set and model in memory to the end. A value dropped
    /// too early would only be recomputed, never wrong.
    private func release(inputsOf statement: PlannedStatement) {
        for input in statement.inputs where plan.graph.dependents[input].allSatisfy({ $0 <= statement.index }) {
            states[input].value = nil
        }
        if plan.graph.dependents[statement.index].isEmpty { states[statement.index].value = nil }
    }

    /// The run record's statement entries.
    func records() -> [StatementRecord] {
        plan.statements.map { statement in
            let index = statement.index
            let state = states[index]
            return StatementRecord(
                index: index, cell: statement.statement.cell, range: statement.statement.range,
                source: statement.source, binding: statement.binding, status: state.status ?? .skipped,
                cacheHit: state.cacheHit, seconds: state.seconds, seed: keys[index].seed,
                key: keys[index].entryKey.description, display: state.display, message: state.message,
                warnings: log.warnings(for: index), reason: state.reason, resumedFrom: state.resumedFrom,
                keyParts: keys[index].parts, inputs: keys[index].inputs.isEmpty ? nil : keys[index].inputs,
                type: statement.type.description, lineage: keys[index].lineageKey?.description,
                member: statement.member?.label, lifted: statement.member.map { $0.grid.lifted(statement.type) })
        }
    }

    // MARK: - Computing

    /// Computes statement `index`, first making sure its inputs have values; marks it skipped if
    /// one of them failed, or if a stop was requested before it started.
    private func compute(_ index: Int) {
        let statement = plan.statements[index]
        for input in statement.inputs where states[input].value == nil {
            if states[input].status == .cached || states[input].status == nil, !load(input) { compute(input) }
            guard states[input].value != nil else {
                let error = RunError.inputDidNotRun(
                    name: plan.statements[input].binding ?? "?", line: line(of: input),
                    status: states[input].status)
                states[index].message = error.description
                finish(index, .skipped, display: nil, seconds: 0)
                return
            }
        }
        if stop?.isRequested == true {
            states[index].message = RunError.stopped.description
            finish(index, .skipped, display: nil, seconds: 0)
            return
        }
        log.receive(.statementStarted(statement.info))
        let start = clock.now
        let watcher = ResumeWatcher(index: index, forwardingTo: log)
        do {
            var callIndex = 0
            let value = try evaluate(statement.expression, in: statement, callIndex: &callIndex, observer: watcher)
            states[index].value = value
            states[index].resumedFrom = watcher.resumedFrom
            let summary = value.summary()
            let elapsed = (clock.now - start).seconds
            store(value, summary: summary, for: statement)
            finish(index, .ran, display: summary, seconds: elapsed)
        } catch let interrupted as Interrupted {
            states[index].resumedFrom = watcher.resumedFrom
            states[index].message = RunError.interrupted(at: interrupted.at, kept: interrupted.kept).description
            finish(index, .interrupted, display: nil, seconds: (clock.now - start).seconds)
        } catch {
            states[index].resumedFrom = watcher.resumedFrom
            states[index].message = Self.message(for: error)
            finish(index, .failed, display: nil, seconds: (clock.now - start).seconds)
        }
    }

    private func evaluate(
        _ expression: ResolvedExpr, in statement: PlannedStatement, callIndex: inout Int, observer: any RunObserver
    ) throws -> Value {
        switch expression {
        case .constant(let value):
            return value
        case .reference(let index):
            guard let value = states[index].value else { throw RunError.missingValue(statement: index) }
            return value
        case .list(let elements):
            return .list(
                try elements.map { try evaluate($0, in: statement, callIndex: &callIndex, observer: observer) })
        case .gather(let grid, let members):
            let values = try members.map { try evaluate($0, in: statement, callIndex: &callIndex, observer: observer) }
            return .domain(SweepValue(grid: grid, values: values))
        case .call(let spec, let arguments, _):
            let isOutermost = callIndex == 0
            let seed = Seeds.callSeed(keys[statement.index].seed, callIndex: callIndex)
            callIndex += 1
            var values: [String: Value] = [:]
            for argument in arguments {
                values[argument.name] = try evaluate(
                    argument.value, in: statement, callIndex: &callIndex, observer: observer)
            }
            var explicitSeed: UInt64?
            if case .int(let given)? = values["seed"] { explicitSeed = UInt64(clamping: given) }
            let context = RunContext(
                seed: explicitSeed ?? seed, statement: statement.info, observer: observer, stop: stop,
                snapshots: isOutermost ? snapshots(for: statement.index) : nil)
            if let name = spec.writesFile, case .string(let path)? = values[name],
                let protected = writeGuard.protected(path)
            {
                throw RunError.refusedWrite(path: path, protected: protected)
            }
            return try spec.run(Arguments(values, operation: spec.name), context)
        }
    }

    /// The snapshots of a resumable statement, and where the schedule says it starts.
    private func snapshots(for index: Int) -> RunContext.Snapshots? {
        guard let cache, let lineage = keys[index].lineageKey else { return nil }
        var start: ResumePoint?
        if case .resume(let point) = schedule.decisions[index].action { start = point }
        return RunContext.Snapshots(store: SnapshotStore(cache: cache, lineage: lineage), start: start)
    }

    // MARK: - Cache

    /// Loads statement `index`'s kept value; false (with a warning) if it cannot be used.
    private func load(_ index: Int) -> Bool {
        let statement = plan.statements[index]
        switch states[index].entry?.payload {
        case .scalar(let value)?:
            states[index].value = value
            return true
        case .domain(let format, _)?, .domainOnDisk(let format)?:
            guard let type = statement.expression.operation?.persisting, let cache else { return false }
            guard format == type.formatVersion else {
                let reason = CacheEntryError.otherValueFormat(
                    type: "\(type)", format: format, current: type.formatVersion)
                warn(statement, RunError.unusableCacheEntry(line: line(of: index), reason: reason.description))
                return false
            }
            do {
                let bytes = try cache.readPayload(for: keys[index].entryKey)
                do {
                    states[index].value = .domain(try type.decoded(from: bytes))
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
            try cache.store(entry, for: keys[statement.index].entryKey)
            states[statement.index].entry = entry
        } catch {
            warn(statement, RunError.cacheWriteFailed(line: line(of: statement.index), reason: "\(error)"))
        }
    }

    // MARK: - Reporting

    private func finish(_ index: Int, _ outcome: StatementStatus, display value: DisplayValue?, seconds elapsed: Double)
    {
        states[index].status = outcome
        states[index].display = value
        states[index].seconds = elapsed
        if outcome == .cached { states[index].reason = nil }
        let state = states[index]
        log.receive(
            .statementFinished(
                plan.statements[index].info, status: outcome, seconds: elapsed, reason: state.reason,
                resumedFrom: state.resumedFrom, message: state.message))
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

/// Passes a statement's events on, noting the step a resumable operation continued from.
private final class ResumeWatcher: RunObserver, @unchecked Sendable {
    // The lock guards `resumedFrom`; hence @unchecked.
    private let lock = NSLock()
    private var step: Int?
    private let index: Int
    private let next: any RunObserver

    init(index: Int, forwardingTo next: any RunObserver) {
        self.index = index
        self.next = next
    }

    var resumedFrom: Int? {
        lock.lock()
        defer { lock.unlock() }
        return step
    }

    func receive(_ event: RunEvent) {
        if case .resumed(let info, let fromStep) = event, info.index == index {
            lock.lock()
            step = fromStep
            lock.unlock()
        }
        next.receive(event)
    }
}
