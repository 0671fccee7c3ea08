import ArgumentParser
import Foundation
import Notebook
import Preview
import Report
import Runner

/// `nb FILE --watch [--serve]`: runs the notebook, then re-checks and re-runs it on every save of
/// the notebook or of a file it read, each time computing only what the change invalidated (the
/// cache's rules), until Ctrl-C. An edit that makes the running statement unneeded stops it at the
/// next batch (its snapshot stays, so a later run resumes) and runs the new plan at once. An edit
/// that does not check prints its diagnostics and keeps the last good outputs.
struct WatchLoop {
    let command: NB
    let registry: Registry

    /// How often files are looked at, and how long a burst of saves must be quiet before a run.
    private let pollInterval: UInt32 = 250_000
    private let quietInterval: UInt32 = 200_000

    func run() throws {
        guard let file = command.file else { return }
        try command.createOutputDirectory()
        Interruption.install()
        var server: PreviewServer?
        if command.serve {
            do {
                server = try PreviewServer.start(port: command.port)
            } catch {
                throw CommandError.cannotServe(error)
            }
            say(NBMessage.serving(port: server?.port ?? command.port).description)
        }
        defer { server?.stop() }
        var watched = [file]
        var fresh = command.fresh
        var isFirst = true
        while true {
            let before = FileStamps(paths: watched)
            var changedDuringRun = false
            switch check(file) {
            case .unreadable(let message):
                printError(message)
            case .broken(let diagnostics):
                printError(diagnostics, terminator: "")
                server?.showDiagnostics(diagnostics)
                say(NBMessage.waitingForFix(file: file).description)
            case .checked(let plan, let renderer):
                let outcome = try runOnce(
                    plan, renderer: renderer, fresh: fresh, isFirst: isFirst, server: server,
                    watched: before)
                watched = [file] + outcome.inputs
                changedDuringRun = outcome.changedDuringRun
                fresh = false
                isFirst = false
            }
            if Interruption.request.isRequested { throw ExitCode(130) }
            if !changedDuringRun {
                say(NBMessage.watching(file: file, inputs: watched.count - 1).description)
                // Against the stamps from before the notebook was read, so a save during the run counts.
                guard waitForChange(since: before.adding(watched)) else { throw ExitCode(130) }
            }
        }
    }

    private enum Checked {
        case unreadable(String)
        case broken(String)
        case checked(Plan, DiagnosticRenderer)
    }

    /// Reads and checks the notebook; its warnings are printed when `printsWarnings` (not while
    /// a run is looking at an edit to see whether it is still needed: the next run prints them).
    private func check(_ file: String, printsWarnings: Bool = true) -> Checked {
        let source: SourceFile
        do {
            source = try SourceFile(contentsOf: file)
        } catch {
            return .unreadable(CommandError.unreadableNotebook(error).description)
        }
        let (plan, diagnostics) = Checker(registry: registry, hints: .nb).check(
            Document(source: source), overrides: command.overrides, cacheDirectory: command.cachePath)
        let renderer = DiagnosticRenderer(source: source)
        guard let plan else { return .broken(renderer.render(diagnostics)) }
        if printsWarnings, !diagnostics.isEmpty { printError(renderer.render(diagnostics), terminator: "") }
        return .checked(plan, renderer)
    }

    /// One run of `plan`: on its own thread, while this one watches for Ctrl-C and for edits that
    /// make the running statement unneeded.
    private func runOnce(
        _ plan: Plan, renderer: DiagnosticRenderer, fresh: Bool, isFirst: Bool, server: PreviewServer?,
        watched: FileStamps
    ) throws -> (inputs: [String], changedDuringRun: Bool) {
        let stop = StopRequest()
        let tracker = RunningStatement()
        let terminal = TerminalObserver(
            renderer: renderer, isTerminal: isatty(STDOUT_FILENO) == 1, plan: plan, showsCached: isFirst)
        let observers: [any RunObserver] = [terminal, tracker] + (server.map { [$0.observer] } ?? [])
        let executor = Executor(
            plan: plan, cache: command.cache, fresh: fresh, observer: Fanout(observers),
            previous: command.previousRecord(of: plan), stop: stop, digests: command.digests)
        let schedule = executor.schedule()
        let keys = schedule.keys.map(\.entryKey)
        server?.runStarted()
        let result = RunResult()
        let thread = Thread { result.finish(executor.run(schedule)) }
        thread.stackSize = 8 << 20
        thread.start()
        var changedDuringRun = false
        while !result.isDone {
            usleep(pollInterval)
            if Interruption.request.isRequested { stop.request() }
            guard !changedDuringRun, !FileStamps(paths: watched.paths).changed(since: watched).isEmpty else { continue }
            changedDuringRun = true
            usleep(quietInterval)
            if let running = tracker.index, isStale(running, keys: keys) {
                say(NBMessage.stoppingChanged(line: plan.statements[running].statement.range.start.line).description)
                stop.request()
            }
        }
        let record = result.wait()
        let written = try command.writeOutputs(record, of: plan, renderer: renderer)
        server?.show(written.page, figures: command.outputDirectory.appendingPathComponent(written.page.name))
        say(
            NBMessage.watchRunFinished(
                summary: terminal.summary(of: record, recordPath: written.recordPath), report: written.reportPath
            ).description)
        let inputs = record.statements.flatMap { $0.inputs ?? [] }.map(\.path)
        return (Array(Set(inputs)).sorted(), changedDuringRun)
    }

    /// Whether statement `index` of the run under way is no longer needed by the notebook as it is
    /// on disk now: the edited notebook checks and has no statement with its key.
    private func isStale(_ index: Int, keys: [CacheKey]) -> Bool {
        guard let file = command.file, case .checked(let plan, _) = check(file, printsWarnings: false) else {
            return false
        }
        return !StatementKey.all(for: plan, digests: command.digests).contains { $0.entryKey == keys[index] }
    }

    /// Waits until a watched file changes and stays unchanged for a moment (an editor's burst of
    /// writes is one change); false when Ctrl-C came first.
    private func waitForChange(since start: FileStamps) -> Bool {
        let paths = start.paths
        while true {
            if Interruption.request.isRequested { return false }
            var latest = FileStamps(paths: paths)
            guard !latest.changed(since: start).isEmpty else {
                usleep(pollInterval)
                continue
            }
            while true {
                usleep(quietInterval)
                let now = FileStamps(paths: paths)
                if now == latest { return true }
                latest = now
            }
        }
    }
}

/// Writes a line to standard output at once (not buffered, even into a pipe or a log), so each
/// re-run shows when it happens.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Passes every event to each observer in turn.
private struct Fanout: RunObserver {
    let observers: [any RunObserver]

    init(_ observers: [any RunObserver]) {
        self.observers = observers
    }

    func receive(_ event: RunEvent) {
        for observer in observers { observer.receive(event) }
    }
}

/// The statement being computed, if any.
private final class RunningStatement: RunObserver, @unchecked Sendable {
    // The lock guards `current`; hence @unchecked.
    private let lock = NSLock()
    private var current: Int?

    var index: Int? { lock.withLock { current } }

    func receive(_ event: RunEvent) {
        switch event {
        case .statementStarted(let info): lock.withLock { current = info.index }
        case .statementFinished: lock.withLock { current = nil }
        default: break
        }
    }
}

/// The record of a run on another thread, once it is done.
private final class RunResult: @unchecked Sendable {
    // The lock guards `record`; the semaphore signals its arrival; hence @unchecked.
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var record: RunRecord?

    var isDone: Bool { lock.withLock { record != nil } }

    func finish(_ record: RunRecord) {
        lock.withLock { self.record = record }
        done.signal()
    }

    func wait() -> RunRecord {
        done.wait()
        done.signal()
        return lock.withLock { record }
            ?? RunRecord(
                notebook: "", title: nil, seed: 0, parameters: [], statements: [], startedAt: "", seconds: 0)
    }
}
