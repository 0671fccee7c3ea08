import Notebook
import Runner
import Testing

@testable import Report

@Test(
    arguments: [
        ("973624", .int, "973,624"), ("-1234", .int, "−1,234"), ("93.123456", .float, "93.12"),
        ("0.001", .float, "0.001"), ("26.5", .float, "26.5"), ("1234.5678", .float, "1,235"),
        ("1.2e-07", .float, "1.200e-07"), ("nan", .float, "NaN"), ("27%", .string, "27%"),
        ("12", .string, "12"), ("true", .bool, "true"),
    ] as [(String, ValueType, String)])
func inlineNumbersAreFormattedForASentence(text: String, type: ValueType, shown: String) {
    #expect(InlineValue.formatted(text, type: type) == shown)
}

@Test func theProseShowsEachComputedValueWithItsExpressionOnHoverAndFailuresInPlace() throws {
    let text = "# T\n\nIt has `{nb} parameters(fit)` weights and a loss of `{nb} loss(fit)`; see `{nb} broken()`.\n"
    let document = Document(source: SourceFile(path: "t.md", text: text))
    func entry(_ index: Int, _ status: StatementStatus, _ display: String?, _ type: String, message: String? = nil)
        -> StatementRecord
    {
        StatementRecord(
            index: index, cell: nil, range: document.statements[index].range,
            source: "", binding: nil, status: status, cacheHit: status == .cached, seconds: 0, seed: 0, key: "",
            display: display.map(DisplayValue.text), message: message, type: type)
    }
    let record = RunRecord(
        notebook: "t.md", title: nil, seed: 0, parameters: [],
        statements: [
            entry(0, .ran, "973624", "Int"), entry(1, .cached, "93.12345", "Float"),
            entry(2, .failed, nil, "Int", message: "broken: no"),
        ], startedAt: "", seconds: 0)
    let html = ReportPage(document: document, record: record, context: SampleRun.context).html()
    #expect(
        html.contains(
            "<p>It has <span class=\"inline-value\" title=\"{nb} parameters(fit)\">973,624</span> weights and a loss of "
                + "<span class=\"inline-value\" title=\"{nb} loss(fit)\">93.12</span>; see <span class=\"inline-value "
                + "inline-failed\" title=\"{nb} broken(): broken: no\"><code>broken()</code> <span class=\"inline-note\">"
                + "(failed)</span></span>.</p>"))
}

/// Issue 25 item 2: a computed value shows wherever cmark-gfm puts inline code, not only in a
/// paragraph: a table cell once rendered as an empty `<td></td>` and alt text lost the value.
@Test(arguments: [
    (
        "| A | `{nb} x` |\n|---|---|\n| `{nb} x` | b |",
        ["<th><span class=\"inline-value\"", "<td><span class=\"inline-value\""]
    ),
    (
        "## Loss `{nb} x`",
        ["<h2 id=\"loss-1-234\">Loss <span class=\"inline-value\"", "href=\"#loss-1-234\">Loss 1,234</a>"]
    ),
    ("[see `{nb} x`](#top)", ["<a href=\"#top\">see <span class=\"inline-value\""]),
    ("![a `{nb} x` b](p.png)", ["alt=\"a 1,234 b\""]),
    ("A claim.[^1]\n\n[^1]: Worth `{nb} x`.", ["<p>Worth <span class=\"inline-value\""]),
    ("> quoted `{nb} x`", ["<blockquote>\n<p>quoted <span class=\"inline-value\""]),
])
func aComputedValueShowsInEveryContextInlineCodeCanBe(markdown: String, fragments: [String]) throws {
    let document = Document(source: SourceFile(path: "t.md", text: markdown + "\n"))
    let statements = document.statements.indices.map { index in
        StatementRecord(
            index: index, cell: nil, range: document.statements[index].range, source: "",
            binding: nil, status: .ran, cacheHit: false, seconds: 0, seed: 0, key: "", display: .text("1234"),
            message: nil, type: "Int")
    }
    let record = RunRecord(
        notebook: "t.md", title: nil, seed: 0, parameters: [], statements: statements, startedAt: "", seconds: 0)
    let html = ReportPage(document: document, record: record, context: SampleRun.context).html()
    for fragment in fragments {
        #expect(html.contains(fragment), "\(fragment) not in the page")
    }
    #expect(html.contains("1,234"))
    #expect(!html.contains("<td></td>") && !html.contains("<th></th>"))
}
