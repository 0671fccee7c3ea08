import Foundation
import Notebook
import Runner

/// Shows a run on the terminal: a line per statement as it finishes (ran, cached, failed,
/// skipped, with its time), and progress for long operations — a redrawn bar with count, rate
/// and ETA on a terminal, a plain line every few seconds otherwise (CI logs).
final class TerminalObserver: RunObserver, @unchecked Sendable {
    // The lock guards the mutable state below, since operations may report from any thread;
    // hence @unchecked.
    private let lock = NSLock()
    private let renderer: DiagnosticRenderer
    private let isTerminal: Bool
    private var progressStart: (time: ContinuousClock.Instant, done: Int)?
    private var lastDrawn: ContinuousClock.Instant?
    private var barShown = false
    private let clock = ContinuousClock()

    /// How often progress is redrawn on a terminal, and printed in a log.
    private let terminalInterval = Duration.milliseconds(100)
    private let logInterval = Duration.seconds(10)

    /// Whether cached statements get a line: not in a watch loop's re-runs, which show only what ran.
    private let showsCached: Bool
    /// What a step of each resumable statement is called, by statement index, as its operation says.
    private let resumableSteps: [Int: String]

    init(renderer: DiagnosticRenderer, isTerminal: Bool, plan: Plan, showsCached: Bool = true) {
        self.renderer = renderer
        self.isTerminal = isTerminal
        self.showsCached = showsCached
        resumableSteps = Dictionary(
            plan.statements.compactMap { statement in
                statement.expression.operation.map { (statement.index, $0.resumableStep) }
            }, uniquingKeysWith: { first, _ in first })
    }

    func receive(_ event: RunEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .statementStarted(let info):
            progressStart = nil
            lastDrawn = nil
            if isTerminal { draw("  running " + Self.shorten(info.source)) }
        case .progress(let info, let done, let total, let unit, let message):
            showProgress(info, done: done, total: total, unit: unit, message: message)
        case .statementFinished(let info, let status, let seconds, let reason, let resumedFrom, let message):
            clearBar()
            if status == .cached, !showsCached { return }
            let label = status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            let member = info.member.map { " [\($0)]" } ?? ""
            let source = (Self.shorten(info.source, to: max(58 - member.count, 20)) + member)
                .padding(toLength: 60, withPad: " ", startingAt: 0)
            var why = reason.map { " · \($0.short)" } ?? ""
            if let resumedFrom {
                why =
                    NBMessage.resumedNote(unit: resumableSteps[info.index] ?? "step", step: resumedFrom).description
                    + why
            }
            write("  \(label)\(source) \(DurationText.of(seconds))\(why)\n")
            if let message, status == .skipped || status == .interrupted { write("              \(message)\n") }
        case .resumed, .metric:
            break
        case .warning(let info, let message):
            clearBar()
            let diagnostic = Diagnostic(.warning, message, at: info?.range)
            FileHandle.standardError.write(Data(renderer.render(diagnostic).utf8))
        }
    }

    /// The closing line: counts by status, total time and where the record went.
    func summary(of record: RunRecord, recordPath: String) -> String {
        let counts = [StatementStatus.ran, .cached, .failed, .skipped, .interrupted].compactMap { status -> String? in
            let count = record.statements.count(status)
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }
        let statements = counts.isEmpty ? "no statements" : counts.joined(separator: ", ")
        return NBMessage.runSummary(counts: statements, seconds: record.seconds, recordPath: recordPath).description
    }

    /// `--plan`'s lines: what each statement would do and why, one line each, in columns as wide
    /// as their widest entry (a line number of any width, a long "resumed from epoch …").
    static func plan(_ plan: Plan, schedule: Schedule) -> String {
        var counts: [PlanAction: Int] = [:]
        var rows: [(line: String, action: String, rest: String)] = []
        var members: [(kind: PlanAction, action: String)] = []
        for (position, statement) in plan.statements.enumerated() {
            let decision = schedule.decisions[statement.index]
            let unit = statement.expression.operation?.resumableStep ?? "step"
            let (kind, action): (PlanAction, String)
            switch decision.action {
            case .cached: (kind, action) = (.cached, "cached")
            case .resume(.exact(let step)):
                (kind, action) = (.resumed, NBMessage.resumedAction(unit: unit, step: step, exact: true).description)
            case .resume(.continuing(let step)):
                (kind, action) = (.resumed, NBMessage.resumedAction(unit: unit, step: step, exact: false).description)
            case .run: (kind, action) = (.run, "run")
            }
            counts[kind, default: 0] += 1
            let source = shorten(statement.source).padding(toLength: 60, withPad: " ", startingAt: 0)
            let why = decision.reason.map { " · \($0)" } ?? ""
            let member = statement.member.map { " [\($0.label)]" } ?? ""
            rows.append(("line \(statement.statement.range.start.line)", action, source + member + why))
            guard let sweep = statement.member else { continue }
            members.append((kind, action == "run" ? PlanAction.run.rawValue : action))
            let next = position + 1 < plan.statements.count ? plan.statements[position + 1] : nil
            guard next?.member == nil || next?.statement.range != statement.statement.range else { continue }
            let name = statement.binding ?? statement.expression.operation?.name ?? shorten(statement.source)
            rows.append(
                ("", "", sweepTotal(name: name, count: sweep.grid.count, members: members) + " · " + statement.typeText)
            )
            members = []
        }
        // At least as wide as before ("line 9999", "cached"), so short notebooks line up as they did.
        let lineWidth = max(8, rows.map(\.line.count).max() ?? 0) + 1
        let actionWidth = max(10, rows.map(\.action.count).max() ?? 0) + 1
        let lines = rows.map { row in
            "  " + row.line.padding(toLength: lineWidth, withPad: " ", startingAt: 0)
                + row.action.padding(toLength: actionWidth, withPad: " ", startingAt: 0) + row.rest
        }
        let total = PlanAction.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
        return "\(plan.document.source.path): \(plan.statements.count) statements; "
            + total.joined(separator: ", ") + "\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The total line of a lifted statement's `members`: how many of each action, cached first.
    private static func sweepTotal(name: String, count: Int, members: [(kind: PlanAction, action: String)]) -> String {
        var actions: [(count: Int, action: String)] = []
        for kind in PlanAction.allCases {
            for member in members where member.kind == kind {
                if let index = actions.firstIndex(where: { $0.action == member.action }) {
                    actions[index].count += 1
                } else {
                    actions.append((1, member.action))
                }
            }
        }
        return NBMessage.sweepTotal(name: name, count: count, actions: actions).description
    }

    /// What `--plan` counts a statement as, in the order of its totals line, named as that line says.
    private enum PlanAction: String, CaseIterable {
        case cached, resumed, run = "to run"
    }

    // MARK: - Progress

    private func showProgress(_ info: StatementInfo, done: Int, total: Int, unit: String, message: String?) {
        let now = clock.now
        guard let start = progressStart else {
            progressStart = (now, done)
            return
        }
        let finished = total > 0 && done >= total
        let interval = isTerminal ? terminalInterval : logInterval
        if let lastDrawn, now - lastDrawn < interval, !finished { return }
        lastDrawn = now
        let elapsed = (now - start.time).seconds
        let rate = elapsed > 0 ? Double(done - start.done) / elapsed : 0
        var parts = [total > 0 ? "\(done)/\(total) \(unit)" : "\(done) \(unit)"]
        parts.append(String(format: "%.1f %@/s", rate, unit))
        if total > 0, rate > 0 { parts.append("ETA " + Self.clockTime(Double(total - done) / rate)) }
        if let message { parts.append(message) }
        let point = info.member.map { " [\($0)]" } ?? ""
        if isTerminal {
            let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 0
            let filled = Int(fraction * 24)
            let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled) + "]"
            draw("  \(info.binding ?? "…")\(point) \(bar) " + parts.joined(separator: "  "))
        } else {
            write("  \(info.binding ?? Self.shorten(info.source))\(point): " + parts.joined(separator: ", ") + "\n")
        }
    }

    /// Redraws the current line (terminal only).
    private func draw(_ line: String) {
        write("\r\u{1B}[K" + line)
        barShown = true
    }

    private func clearBar() {
        guard barShown else { return }
        write("\r\u{1B}[K")
        barShown = false
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    // MARK: - Formatting

    /// The statement on one line, cut to `limit` characters with an ellipsis.
    static func shorten(_ source: String, to limit: Int = 58) -> String {
        let line = source.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }

    /// `0:42`, `12:05`, `1:02:03`.
    static func clockTime(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
