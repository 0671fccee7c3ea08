import Runner

/// The header's account of what changed since the last run of the notebook: one line that says it
/// in short (`Since the last run, 2025-03-01 14:02 UTC: beta 1.0 → 2.0; 3 results changed`), which
/// opens to a list of each changed parameter and each statement whose result changed, was added
/// or was removed, with links to where they are on the page. A first run has none.
struct RunChanges {
    /// What changed.
    var comparison: RunComparison
    /// This run's start, ISO 8601: the last run's time is written without its date on the same day.
    var startedAt: String

    /// At most this many parameters are named in the summary line; the list has all of them.
    static let parametersInSummary = 3

    /// Writes `<details class="run-changes">`, or a line saying nothing changed.
    func render(into html: inout HTMLBuilder) {
        guard !comparison.isEmpty else {
            html.wrap("p", ["class": "run-changes"]) { html in
                since(into: &html)
                html.write(": nothing changed")
            }
            return
        }
        html.wrap("details", ["class": "run-changes"]) { html in
            html.wrap("summary") { html in
                since(into: &html)
                html.write(": " + summary)
            }
            html.wrap("ul") { html in
                for change in comparison.parameters { parameter(change, into: &html) }
                for statement in Self.inPageOrder(comparison.changed) {
                    self.statement(statement, label: "Changed", into: &html)
                }
                for statement in Self.inPageOrder(comparison.added) {
                    self.statement(statement, label: "Added", into: &html)
                }
                for statement in comparison.removed {
                    html.wrap("li") { html in
                        html.write("Removed: line \(statement.line) of the last run ")
                        html.element("code", text: statement.source)
                        if let member = statement.member { html.write(" [\(member)]") }
                    }
                }
            }
        }
    }

    /// `beta 1.0 → 2.0; 3 results changed; 1 statement added`.
    var summary: String {
        var parts = comparison.parameters.prefix(Self.parametersInSummary).map(Self.short)
        let more = comparison.parameters.count - Self.parametersInSummary
        if more > 0 { parts.append(more == 1 ? "1 more parameter" : "\(more) more parameters") }
        let counts = [
            (comparison.changed.count, "result", "results", "changed"),
            (comparison.added.count, "statement", "statements", "added"),
            (comparison.removed.count, "statement", "statements", "removed"),
        ]
        for (count, one, many, what) in counts where count > 0 {
            parts.append("\(count) \(count == 1 ? one : many) \(what)")
        }
        return parts.joined(separator: "; ")
    }

    /// `statements` by line: a value in the prose runs after the cells it reads, but is read where it stands.
    private static func inPageOrder(_ statements: [StatementRecord]) -> [StatementRecord] {
        statements.sorted { ($0.range.start.line, $0.index) < ($1.range.start.line, $1.index) }
    }

    /// `beta 1.0 → 2.0`, `beta 2.0 (new)`, `beta (removed)`.
    private static func short(_ change: RunComparison.ParameterChange) -> String {
        switch (change.old, change.new) {
        case (let old?, let new?): "\(change.name) \(old) → \(new)"
        case (nil, let new?): "\(change.name) \(new) (new)"
        default: "\(change.name) (removed)"
        }
    }

    /// `Since the last run, <time>14:02 UTC</time>`.
    private func since(into html: inout HTMLBuilder) {
        html.write("Since the last run, ")
        let date = Header.readableDate(comparison.since)
        let day = Header.readableDate(startedAt)
        // On the same day, the time alone: `14:02 UTC`.
        let shown = date != comparison.since && date.prefix(11) == day.prefix(11) ? String(date.dropFirst(11)) : date
        html.element("time", ["datetime": comparison.since], text: shown)
    }

    private func parameter(_ change: RunComparison.ParameterChange, into html: inout HTMLBuilder) {
        html.wrap("li") { html in
            html.write("Parameter ")
            html.element("code", text: change.name)
            html.write(": ")
            html.element("code", text: change.old ?? "none")
            html.write(" → ")
            html.element("code", text: change.new ?? "none")
            guard change.bySet else { return }
            html.write(" ")
            html.element("span", ["class": "set-mark"], text: "--set")
        }
    }

    /// `Changed: line 12 test_loss(fit, on: test) [beta=2.0]`, the line a link to the statement's cell
    /// or, for a value in the prose, to the value.
    private func statement(_ statement: StatementRecord, label: String, into html: inout HTMLBuilder) {
        html.wrap("li") { html in
            html.write(label + ": ")
            let target = statement.cell.map { "#cell-\($0 + 1)" } ?? "#value-\(statement.index)"
            html.element("a", ["href": target], text: "line \(statement.range.start.line)")
            html.write(" ")
            html.element("code", text: statement.source)
            if let member = statement.member { html.write(" [\(member)]") }
        }
    }
}
