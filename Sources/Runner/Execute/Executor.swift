import Foundation
import Notebook

/// Runs a checked notebook: statements in document order, reusing cached results by key and
/// computing a statement's inputs only when something that must run needs their values.
///
/// On a re-run of an unchanged notebook every statement is a cache hit and nothing runs: a
/// statement whose own result is cached does not need its inputs, so an untouched `train`
/// neither reloads its data set nor rebuilds its model.
public struct Executor: Sendable {
    /// The checked notebook.
    public let plan: Plan
    /// Where results are kept between runs; nil runs without a cache.
    public let cache: CacheStore?
    /// Whether to ignore cached results (new results are still stored).
    public let fresh: Bool
    /// Who is told what happens.
    public let observer: (any RunObserver)?
    /// The last run's record, against which the reasons for running are explained.
    public let previous: RunRecord?
    /// Set when the user asks the run to stop (Ctrl-C).
    public let stop: StopRequest?
    /// Input-file digests, remembered between runs; nil hashes every input file again.
    public let digests: FileDigests?

    /// Creates an executor.
    public init(
        plan: Plan, cache: CacheStore?, fresh: Bool = false, observer: (any RunObserver)?,
        previous: RunRecord? = nil, stop: StopRequest? = nil, digests: FileDigests? = nil
    ) {
        self.plan = plan
        self.cache = cache
        self.fresh = fresh
        self.observer = observer
        self.previous = previous
        self.stop = stop
        self.digests = digests
    }

    /// What a run would do with each statement, and why, without running anything (`--plan`).
    /// It writes nothing; `run(_:)` follows it.
    public func schedule() -> Schedule {
        Schedule(
            plan: plan, keys: StatementKey.all(for: plan, digests: digests), cache: cache, fresh: fresh,
            previous: previous)
    }

    /// Runs the notebook as `schedule` (by default, `schedule()`) decides, and returns its record,
    /// which keeps the `previous` run to compare with; failures are in the record, never thrown.
    /// Remembers the input files' digests for next time.
    public func run(_ schedule: Schedule? = nil) -> RunRecord {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = ISO8601DateFormatter().string(from: Date())
        let run = ExecutionRun(executor: self, schedule: schedule ?? self.schedule())
        run.execute()
        digests?.save()
        return RunRecord(
            notebook: plan.document.source.path, title: plan.document.frontMatter?.title, seed: plan.seed,
            parameters: plan.recordParameters, statements: run.records(), startedAt: startedAt,
            seconds: (clock.now - start).seconds, previous: previous.flatMap(PreviousRun.of))
    }
}

extension Plan {
    /// The parameters as the run record lists them.
    public var recordParameters: [RunRecord.Parameter] {
        parameters.map { parameter in
            RunRecord.Parameter(
                name: parameter.name, type: parameter.type.description, value: parameter.valueText,
                overridden: parameter.overridden)
        }
    }
}
