import Runner

/// A cell's status at a glance, from its statements: `ran in 41.2 s`, `cached`, `1 failed`,
/// `skipped`, with a CSS class for its colour.
struct CellBadge: Equatable {
    /// The badge's text.
    var text: String
    /// `ran`, `cached`, `failed`, `skipped` or `empty`, for styling.
    var kind: String
    /// A longer account for the tooltip: each status's count and the time spent loading.
    var detail: String

    /// The badge of a cell whose statements are `statements`.
    init(statements: [StatementRecord]) {
        let (ran, cached, failed, skipped) = (
            statements.count(.ran), statements.count(.cached), statements.count(.failed), statements.count(.skipped)
        )
        let interrupted = statements.count(.interrupted)
        let reasons = statements.filter { $0.status != .cached }.compactMap { statement -> String? in
            if let step = statement.resumedFrom { return "resumed from epoch \(step)" }
            return statement.reason?.short
        }
        let (ranSeconds, loadSeconds) = (statements.seconds(.ran), statements.seconds(.cached))
        var parts: [String] = []
        if ran > 0 { parts.append("\(ran) ran in \(DurationText.of(ranSeconds))") }
        if cached > 0 { parts.append("\(cached) cached, loaded in \(DurationText.of(loadSeconds))") }
        if failed > 0 { parts.append("\(failed) failed") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if interrupted > 0 { parts.append("\(interrupted) interrupted") }
        let why = statements.filter { $0.status == .ran }.compactMap { statement in
            statement.reason.map { "line \(statement.range.start.line): \($0)" }
        }
        detail =
            (parts.isEmpty ? "no statements ran" : parts.joined(separator: "; "))
            + (why.isEmpty ? "" : " — " + why.joined(separator: "; "))
        if statements.isEmpty {
            (text, kind) = ("not run", "empty")
        } else if failed > 0 {
            (text, kind) = ("\(failed) failed", "failed")
        } else if interrupted > 0 {
            (text, kind) = ("interrupted", "skipped")
        } else if skipped == statements.count {
            (text, kind) = ("skipped", "skipped")
        } else if skipped > 0 {
            (text, kind) = ("\(skipped) skipped", "skipped")
        } else if cached == statements.count {
            (text, kind) = ("cached", "cached")
        } else {
            let reason = reasons.first.map { " · " + $0 } ?? ""
            (text, kind) = (
                "ran in \(DurationText.of(ranSeconds))" + (cached > 0 ? " · \(cached) cached" : "") + reason, "ran"
            )
        }
    }
}
