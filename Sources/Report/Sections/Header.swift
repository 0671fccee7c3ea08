import Foundation
import Notebook
import Runner

/// The top of the page: the title, how the run went, when it ran and for how long, the seed,
/// the machine, nb's version and commit, and the parameters with those set by `--set` marked.
struct Header {
    /// The page title, the page's one `<h1>` (a first line of prose repeating it is dropped).
    var title: String
    /// The run.
    var record: RunRecord
    /// The version, commit and machine.
    var context: ReportContext
    /// Each parameter's front-matter default as written, by name.
    var defaults: [String: String]
    /// What changed since the last run; nil for a first run.
    var comparison: RunComparison? = nil

    /// The defaults written in `document`'s front matter, by parameter name.
    static func defaults(in document: Document) -> [String: String] {
        var defaults: [String: String] = [:]
        for parameter in document.frontMatter?.parameters ?? [] {
            defaults[parameter.name.name] = document.source.text(in: parameter.value.range)
        }
        return defaults
    }

    /// Writes `<header>`.
    func render(into html: inout HTMLBuilder) {
        html.open("header", ["class": "report-header"])
        html.wrap("p", ["class": "eyebrow"]) { html in
            html.write("nb report · ")
            html.element("code", text: record.notebook)
        }
        html.element("h1", text: title)
        let status = Self.status(of: record.statements)
        html.element("p", ["class": "run-status run-\(status.kind)"], text: status.text)
        html.open("dl", ["class": "facts"])
        fact("Ran", into: &html) { html in
            html.element("time", ["datetime": record.startedAt], text: Self.readableDate(record.startedAt))
        }
        fact("Total time", DurationText.of(record.seconds), into: &html)
        fact("Seed", String(record.seed), into: &html)
        let cores = context.machine.cores == 1 ? "1 core" : "\(context.machine.cores) cores"
        fact("Machine", "\(cores) · \(context.machine.blas)", into: &html)
        fact("nb", context.version, into: &html)
        if let commit = context.gitCommit {
            fact("Commit", into: &html) { html in
                html.element("code", text: commit)
                if context.gitDirty { html.write(" with uncommitted changes") }
            }
        }
        html.close()
        if let comparison { RunChanges(comparison: comparison, startedAt: record.startedAt).render(into: &html) }
        if !record.parameters.isEmpty { parameters(into: &html) }
        html.close()
    }

    /// "All 14 statements ran (3 from the cache)", or the failures and skips.
    static func status(of statements: [StatementRecord]) -> (text: String, kind: String) {
        let count = { (status: StatementStatus) in statements.count(status) }
        let (failed, skipped, cached) = (count(.failed), count(.skipped), count(.cached))
        let interrupted = count(.interrupted)
        let total = statements.count == 1 ? "1 statement" : "\(statements.count) statements"
        if failed > 0 || skipped > 0 || interrupted > 0 {
            var parts: [String] = []
            if failed > 0 { parts.append("\(failed) failed") }
            if interrupted > 0 { parts.append("\(interrupted) interrupted (the next run resumes)") }
            if skipped > 0 { parts.append("\(skipped) not run") }
            return ("Of \(total), " + parts.joined(separator: " and "), failed > 0 ? "failed" : "skipped")
        }
        let all = statements.count == 1 ? "The statement" : "All \(total)"
        return (all + " ran" + (cached > 0 ? " (\(cached) from the cache)" : ""), "ok")
    }

    /// `2025-03-01 14:05 UTC` from ISO 8601, or the text as given if it does not parse.
    static func readableDate(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    private func fact(_ name: String, _ value: String, into html: inout HTMLBuilder) {
        fact(name, into: &html) { $0.write(value) }
    }

    private func fact(_ name: String, into html: inout HTMLBuilder, value: (inout HTMLBuilder) -> Void) {
        html.wrap("div") { html in
            html.element("dt", text: name)
            html.wrap("dd", [:], value)
        }
    }

    private func parameters(into html: inout HTMLBuilder) {
        let overridden = record.parameters.filter(\.overridden).count
        html.open("div", ["class": "table-scroll"])
        html.open("table", ["class": "parameters"])
        html.element(
            "caption",
            text: "Parameters" + (overridden > 0 ? " (\(overridden) set with --set)" : ""))
        html.wrap("thead") { html in
            html.wrap("tr") { html in
                for name in ["name", "value", ""] { html.element("th", ["scope": "col"], text: name) }
            }
        }
        html.open("tbody")
        let changes = Dictionary(
            (comparison?.parameters ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for parameter in record.parameters {
            html.wrap("tr", ["class": parameter.overridden ? "overridden" : nil]) { html in
                html.wrap("td") { $0.element("code", text: parameter.name) }
                html.wrap("td") { $0.element("code", text: parameter.value) }
                html.wrap("td") { html in
                    if parameter.overridden {
                        html.element("span", ["class": "set-mark"], text: "--set")
                        if let original = defaults[parameter.name] { html.write(" default " + original) }
                    }
                    guard let old = changes[parameter.name]?.old else { return }
                    html.element("span", ["class": "last-run"], text: "last run " + old)
                }
            }
        }
        html.close()
        html.close()
        html.close()
    }
}
