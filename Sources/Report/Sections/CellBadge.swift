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
        let count = { (status: StatementStatus) in statements.filter { $0.status == status }.count }
        let (ran, cached, failed, skipped) = (count(.ran), count(.cached), count(.failed), count(.skipped))
        let interrupted = count(.interrupted)
        let reasons = statements.filter { $0.status != .cached }.compactMap { statement -> String? in
            if let step = statement.resumedFrom { return "resumed from epoch \(step)" }
            return statement.reason?.short
        }
        let ranSeconds = statements.filter { $0.status == .ran }.reduce(0) { $0 + $1.seconds }
        let loadSeconds = statements.filter { $0.status == .cached }.reduce(0) { $0 + $1.seconds }
        var parts: [String] = []
        if ran > 0 { parts.append("\(ran) ran in \(Self.duration(ranSeconds))") }
        if cached > 0 { parts.append("\(cached) cached, loaded in \(Self.duration(loadSeconds))") }
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
                "ran in \(Self.duration(ranSeconds))" + (cached > 0 ? " · \(cached) cached" : "") + reason, "ran"
            )
        }
    }

    /// `0.4 s`, `41.2 s`, `3 min 12 s`, `1 h 05 min`; under a twentieth of a second, `< 0.1 s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "? s" }
        if seconds < 0.05 { return "< 0.1 s" }
        if seconds < 59.95 { return "\((seconds * 10).rounded() / 10) s" }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        let minutes = whole / 60
        let padded = minutes % 60 < 10 ? "0\(minutes % 60)" : "\(minutes % 60)"
        return "\(minutes / 60) h \(padded) min"
    }
}
