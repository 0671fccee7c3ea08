import Figures
import Notebook
import Runner

/// A value the run computed for the prose's `` `{nb} expression` ``, as the page shows it:
/// numbers formatted for a sentence, the expression on hover, a failure said in place.
struct InlineValue: Equatable {
    /// The expression as written after `{nb}`, which the code span in the parsed prose matches.
    var expression: String
    /// The markup shown instead of the code span.
    var html: String
    /// The value as plain text, where markup cannot go (an image's alt text): the formatted value,
    /// or the expression when the run has none.
    var text: String

    /// The value of `inline` in `record`. `previous` is the last run's value when it differs,
    /// shown on hover with a ▲ or ▼; `anchored` gives the value the id the header's list of
    /// changes links to, `value-<statement>`.
    init(_ inline: InlineExpression, record: RunRecord, previous: DisplayValue? = nil, anchored: Bool = false) {
        expression = inline.text
        text = Self.plainText(inline, record: record) ?? inline.text
        let entry = inline.statement.flatMap { index in record.statements.first { $0.index == index } }
        let title = "{nb} " + inline.text
        guard let entry else {
            html = Self.span("inline-value inline-missing", title: title + " (not run)", code: inline.text)
            return
        }
        switch (entry.status, entry.display) {
        case (.ran, .text(let text)?), (.cached, .text(let text)?):
            let type = entry.scalarType
            var change: NumberChange?
            if case .text(let old)? = previous {
                change = NumberChange.between(
                    old: old, new: text, numeric: type == .int || type == .float,
                    written: { Self.formatted($0, type: type) })
            }
            let id = anchored ? " id=\"value-\(entry.index)\"" : ""
            var marker = HTMLBuilder()
            change?.render(into: &marker)
            html =
                "<span class=\"inline-value\(change == nil ? "" : " changed")\"\(id) title=\""
                + Markup.escape(title + (change.map { " · " + $0.title } ?? "")) + "\">"
                + Markup.escape(Self.formatted(text, type: type)) + marker.finished() + "</span>"
        case (.failed, _):
            let message = entry.message ?? "failed"
            html = Self.span(
                "inline-value inline-failed", title: "\(title): \(message)", code: inline.text, note: "failed")
        default:
            html = Self.span(
                "inline-value inline-failed", title: "\(title): not run", code: inline.text, note: "not run")
        }
    }

    /// The value's text for a plain-text copy of the prose, or nil when the run has none.
    static func plainText(_ inline: InlineExpression, record: RunRecord) -> String? {
        let entry = inline.statement.flatMap { index in record.statements.first { $0.index == index } }
        guard let entry, entry.status == .ran || entry.status == .cached, case .text(let text)? = entry.display else {
            return nil
        }
        return formatted(text, type: entry.scalarType)
    }

    /// Integers with thousands separators, other numbers to four significant digits (as the
    /// tables write them) without trailing zeros, since a sentence has no column to line up:
    /// `973,624`, `93.12`, `0.001`. Anything else as it is.
    static func formatted(_ text: String, type: ValueType?) -> String {
        guard type == .int || type == .float, let number = Double(text) else { return text }
        let format = TableNumberFormat(column: [number])
        let written = format.string(number)
        guard case .decimals = format, written.contains(".") else { return written }
        let trimmed = written.reversed().drop { $0 == "0" }.drop { $0 == "." }
        return String(trimmed.reversed())
    }

    /// The expression as code, marked, with `note` after it.
    private static func span(_ classes: String, title: String, code: String, note: String? = nil) -> String {
        "<span class=\"\(classes)\" title=\"\(Markup.escape(title))\"><code>\(Markup.escape(code))</code>"
            + (note.map { " <span class=\"inline-note\">(\(Markup.escape($0)))</span>" } ?? "") + "</span>"
    }
}
