import Foundation
import Notebook
import Runner
import Testing

@testable import Report

/// The sample run after a run with `epochs` 2 and other numbers in its table: the count of
/// `b & c` was 15 and the first loss 0.0125.
private func sampleAfterAnotherRun() throws -> RunRecord {
    var last = try SampleRun.record()
    last.startedAt = "2025-03-01T12:00:00Z"
    last.parameters[0] = .init(name: "epochs", type: "Int", value: "2", overridden: false)
    guard case .list(var items)? = last.statements[1].display, case .table(var table) = items[1] else {
        throw CancellationError()
    }
    table.rows[0][2] = .number(0.0125)
    table.rows[1][1] = .number(15)
    items[1] = .table(table)
    last.statements[1].display = .list(items)
    var record = try SampleRun.record()
    record.previous = PreviousRun.of(last)
    return record
}

@Test func theHeaderSaysWhatChangedSinceTheLastRunWithLinksToTheStatements() throws {
    let record = try sampleAfterAnotherRun()
    let html = ReportPage(document: SampleRun.document, record: record, context: SampleRun.context).html()
    #expect(
        html.contains(
            "<details class=\"run-changes\"><summary>Since the last run, <time datetime=\"2025-03-01T12:00:00Z\">"
                + "12:00 UTC</time>: epochs 2 → 1; 1 result changed</summary><ul><li>Parameter <code>epochs</code>: "
                + "<code>2</code> → <code>1</code> <span class=\"set-mark\">--set</span></li><li>Changed: "
                + "<a href=\"#cell-1\">line 26</a> <code>x</code></li></ul></details>"))
    #expect(html.contains("<span class=\"set-mark\">--set</span> default 10<span class=\"last-run\">last run 2</span>"))
}

@Test func eachNumberThatChangedShowsTheOldValueOnHoverAndTheDifference() throws {
    let record = try sampleAfterAnotherRun()
    let html = ReportPage(document: SampleRun.document, record: record, context: SampleRun.context).html()
    #expect(
        html.contains(
            "<td class=\"number changed\" title=\"last run: 0.01250\">0.01235<span class=\"delta delta-down\">"
                + "▼ 0.00015</span></td>"))
    #expect(
        html.contains(
            "<td class=\"number changed\" title=\"last run: 15\">12<span class=\"delta delta-down\">▼ 3</span></td>"))
    // Numbers that are the same, and the text before the table, are not marked.
    #expect(html.contains("<td class=\"number\">1,234,567</td>"))
    #expect(html.contains("<p class=\"output-text\">x has 3 &lt;items&gt; &amp; more</p>"))
    #expect(html.components(separatedBy: "class=\"delta ").count - 1 == 2)
}

@Test func aFirstRunSaysNothingAboutALastRunAndMarksNoValue() throws {
    let html = try SampleRun.page().html()
    #expect(!html.contains("class=\"run-changes\""))
    #expect(!html.contains(" changed\""))
    #expect(!html.contains("class=\"delta"))
}

@Test func anUnchangedRerunSaysNothingChangedAndMarksNoValue() throws {
    var record = try SampleRun.record()
    var last = record
    last.startedAt = "2025-02-28T09:30:00Z"
    record.previous = PreviousRun.of(last)
    let html = ReportPage(document: SampleRun.document, record: record, context: SampleRun.context).html()
    #expect(
        html.contains(
            "<p class=\"run-changes\">Since the last run, <time datetime=\"2025-02-28T09:30:00Z\">2025-02-28 09:30 UTC"
                + "</time>: nothing changed</p>"))
    #expect(!html.contains("class=\"delta"))
    #expect(!html.contains("changed\""))
}

/// Inline values in the prose and a number a cell shows as text: the old value joins the
/// expression on hover, the difference written as a sentence writes numbers.
@Test func aValueInTheProseAndANumberShownAsTextMarkTheirChange() throws {
    let text = "# T\n\n```nb\nloss(fit)\n```\n\nThe loss is `{nb} loss(fit)` and the note `{nb} note()`.\n"
    let document = Document(source: SourceFile(path: "t.md", text: text))
    func records(_ shown: String, _ inline: String, _ note: String) -> [StatementRecord] {
        [(0, 0, shown, "Float"), (1, nil, inline, "Float"), (2, nil, note, "String")].map { index, cell, value, type in
            StatementRecord(
                index: index, cell: cell, range: document.statements[index].range,
                source: document.source.text(in: document.statements[index].range), binding: nil, status: .ran,
                cacheHit: false, seconds: 0, seed: 0, key: "", display: .text(value), message: nil, type: type)
        }
    }
    let last = RunRecord(
        notebook: "t.md", title: nil, seed: 0, parameters: [], statements: records("93.5", "93.5", "lower"),
        startedAt: "2025-03-01T12:00:00Z", seconds: 0)
    let record = RunRecord(
        notebook: "t.md", title: nil, seed: 0, parameters: [], statements: records("93.25", "93.25", "higher"),
        startedAt: "2025-03-01T14:00:00Z", seconds: 0, previous: PreviousRun.of(last))
    let html = ReportPage(document: document, record: record, context: SampleRun.context).html()
    #expect(
        html.contains(
            "<p class=\"output-text changed\" title=\"last run: 93.5\">93.25<span class=\"delta delta-down\">▼ 0.25"
                + "</span></p>"))
    #expect(
        html.contains(
            "The loss is <span class=\"inline-value changed\" id=\"value-1\" title=\"{nb} loss(fit) · last run: 93.5\">"
                + "93.25<span class=\"delta delta-down\">▼ 0.25</span></span> and the note <span class=\"inline-value "
                + "changed\" id=\"value-2\" title=\"{nb} note() · last run: lower\">higher</span>."))
    #expect(html.contains("<li>Changed: <a href=\"#value-1\">line 7</a> <code>loss(fit)</code></li>"))
}

@Test(
    arguments: [
        (12.0, 15.0, TableNumberFormat.integer, "12", "15", "▲ 3"),
        (0.5, 0.25, .decimals(3), "0.500", "0.250", "▼ 0.250"),
        // A difference the column's digits round to zero is written to its own precision.
        (0.12344, 0.12346, .decimals(4), "0.1234", "0.1235", "▲ 2.000e-05"),
        (1.0, .nan, .decimals(1), "1.0", "NaN", nil),
    ] as [(Double, Double, TableNumberFormat, String, String, String?)])
func aChangedNumberIsMarkedWithItsDifferenceInItsColumnsFormat(
    old: Double, new: Double, format: TableNumberFormat, oldText: String, newText: String, delta: String?
) throws {
    let change = try #require(NumberChange(old: old, new: new, oldText: oldText, newText: newText, format: format))
    #expect(change.delta == delta)
    #expect(change.title == "last run: " + oldText)
}

@Test func numbersThatReadTheSameAsShownAreNotMarked() {
    #expect(NumberChange(old: 0.12341, new: 0.12342, oldText: "0.1234", newText: "0.1234", format: .decimals(4)) == nil)
    #expect(NumberChange.between(old: "93.1200001", new: "93.12", numeric: true) { _ in "93.12" } == nil)
}

/// Rows are matched by their label, wherever they moved; a new row has no old numbers.
@Test func aTablesOldNumbersAreFoundByRowLabelAndColumnName() {
    let last = DisplayTable(
        columns: ["model", "loss", "loss"],
        rows: [[.text("MLP"), .number(1), .number(2)], [.text("CNN"), .number(3), .number(4)]])
    let now = DisplayTable(
        columns: ["model", "loss", "loss"],
        rows: [
            [.text("CNN"), .number(5), .number(6)], [.text("GRU"), .number(7), .number(8)],
            [.text("MLP"), .number(9), .number(0)],
        ])
    let cells = PreviousCells(last, matching: now)
    let found = (0..<3).map { row in (1..<3).map { cells.number(row: row, column: $0) } }
    #expect(found == [[3, 4], [nil, nil], [1, 2]])
}

/// The summary names three parameters and counts the rest, then counts the statements added and
/// removed; the list says each, a removed statement by its line in the last run.
@Test func theSummaryCountsWhatItDoesNotNameAndTheListSaysEachStatement() throws {
    func run(_ value: String, _ sources: [String], names: [String]) -> RunRecord {
        RunRecord(
            notebook: "n.md", title: nil, seed: 0,
            parameters: names.map { .init(name: $0, type: "Int", value: value, overridden: false) },
            statements: sources.enumerated().map { index, source in
                StatementRecord(
                    index: index, cell: 0, range: SourceRange(at: SourceLocation(line: 10 + index, column: 1)),
                    source: source, binding: nil, status: .ran, cacheHit: false, seconds: 0, seed: 0, key: "",
                    display: .text("1"), message: nil)
            }, startedAt: "2025-03-01T12:00:00Z", seconds: 0)
    }
    var record = run("2", ["kept()", "added(<b>)"], names: ["a", "b", "c", "d"])
    record.previous = PreviousRun.of(run("1", ["gone()", "kept()", "also_gone()"], names: ["a", "b", "c", "d", "e"]))
    let changes = RunChanges(comparison: try #require(RunComparison(record)), startedAt: record.startedAt)
    #expect(
        changes.summary == "a 1 → 2; b 1 → 2; c 1 → 2; 2 more parameters; 1 statement added; 2 statements removed")
    var html = HTMLBuilder()
    changes.render(into: &html)
    #expect(
        html.text.contains(
            "<li>Parameter <code>e</code>: <code>1</code> → <code>none</code></li><li>Added: <a href=\"#cell-1\">"
                + "line 11</a> <code>added(&lt;b&gt;)</code></li><li>Removed: line 10 of the last run <code>gone()"
                + "</code></li><li>Removed: line 12 of the last run <code>also_gone()</code></li>"))
}

/// A sweep's comparison names the same model in every row: its rows are told apart by the name
/// and the setting, so a setting added in the middle is new rather than shifting the rows below.
@Test func aSweepsComparisonRowsAreFoundByTheirSettingWhenOneIsAdded() {
    func row(_ beta: Double, _ loss: Double) -> [DisplayTable.Cell] {
        [.text("MLP VAE"), .number(beta), .number(2), .number(loss), .text("")]
    }
    let columns = ["model", "beta", "n", "test loss", "best"]
    let last = DisplayTable(columns: columns, rows: [row(0.5, 110), row(1, 105), row(4, 120)])
    let now = DisplayTable(columns: columns, rows: [row(0.5, 111), row(1, 105), row(2, 108), row(4, 121)])
    let cells = PreviousCells(last, matching: now)
    #expect((0..<4).map { cells.number(row: $0, column: 3) } == [110, 105, nil, 120])
    // A table of numbers alone, one row, is matched by position.
    let single = PreviousCells(
        DisplayTable(columns: ["loss"], rows: [[.number(3)]]),
        matching: DisplayTable(columns: ["loss"], rows: [[.number(4)]]))
    #expect(single.number(row: 0, column: 0) == 3)
}
