import Runner

/// What nb tells the user besides its errors (`CommandError`) and the notebook's diagnostics:
/// the lines of a check, a run and a watch loop. `description` is the one place their text is
/// written.
enum NBMessage: CustomStringConvertible {
    /// `--check` found nothing wrong.
    case checked(file: String, statements: Int)
    /// The heading of a value known before anything runs (a model's summary).
    case preview(file: String, line: Int, source: String)
    /// Where the report went.
    case report(path: String)
    /// Where the exported notebook went.
    case notebook(path: String)
    /// The run stopped at Ctrl-C, keeping what finished.
    case interrupted
    /// The first Ctrl-C, said at once from the signal handler.
    case stopping
    /// `--serve` is serving on `port`.
    case serving(port: UInt16)
    /// A watch loop waits for a fix of a notebook with errors.
    case waitingForFix(file: String)
    /// A watch loop waits for a change of the notebook or of the `inputs` files it reads.
    case watching(file: String, inputs: Int)
    /// An edit changed the statement that was running, at `line`, so it stops.
    case stoppingChanged(line: Int)
    /// A watch loop's run finished: its summary line and where the report went.
    case watchRunFinished(summary: String, report: String)
    /// The closing line of a run: its counts by status, its time and where the record went.
    case runSummary(counts: String, seconds: Double, recordPath: String)
    /// A resumed statement's note in its line: after how many of its steps it continued.
    case resumedNote(unit: String, step: Int)
    /// `--plan`'s action for a resumable statement, continuing from a snapshot or taking one
    /// exactly (`exact`).
    case resumedAction(unit: String, step: Int, exact: Bool)
    /// `--plan`'s total for a lifted statement: `fits × 8: 6 cached, 1 resumed from epoch 3, 1 to run`.
    case sweepTotal(name: String, count: Int, actions: [(count: Int, action: String)])
    /// `--cache-info`'s line for entries written since the newest run record.
    case cacheRecent(String)
    /// `--cache-info`'s line for entries no run record names.
    case cacheUnused(String, any: Bool)

    /// The text.
    var description: String {
        switch self {
        case .checked(let file, let statements): "\(file): no errors; \(statements) statements checked"
        case .preview(let file, let line, let source): "\(file):\(line): \(source), from shapes alone:"
        case .report(let path): "report: \(path)"
        case .notebook(let path): "notebook: \(path)"
        case .interrupted: "interrupted: the finished epochs are kept; run the same command again to resume"
        case .stopping:
            "\nnb: stopping after the current batch; the finished epochs are kept (Ctrl-C again quits at once)\n"
        case .serving(let port): "serving the report at http://127.0.0.1:\(port)/ (Ctrl-C stops)"
        case .waitingForFix(let file): "watching \(file): fix the notebook and save; the last good report stays"
        case .watching(let file, let inputs):
            "watching \(file) and \(inputs) input file\(inputs == 1 ? "" : "s") for changes"
        case .stoppingChanged(let line): "  stopping line \(line): the edit changed it"
        case .watchRunFinished(let summary, let report): summary + "; report: \(report)"
        case .runSummary(let counts, let seconds, let recordPath):
            "\(counts) in \(DurationText.of(seconds)); run record: \(recordPath)"
        case .resumedNote(let unit, let step): " · resumed from \(unit) \(step)"
        case .sweepTotal(let name, let count, let actions):
            "\(name) × \(count): " + actions.map { "\($0.count) \($0.action)" }.joined(separator: ", ")
        case .resumedAction(let unit, let step, let exact):
            "resumed from \(unit) \(step)" + (exact ? " (its snapshot)" : "")
        case .cacheRecent(let size): "  written since the newest run record: \(size) (kept: a run may be using them)"
        case .cacheUnused(let size, let any): "  unused: \(size)" + (any ? " (nb --prune removes them)" : "")
        }
    }
}

extension CheckHints {
    /// Where nb's checker messages point: its listing flag, its override flag, and a call of
    /// the built-in operations that quotes a number.
    static let nb = CheckHints(listOperations: "nb --list-ops", setFlag: "--set", quoteExample: "parameters(fit)")
}
