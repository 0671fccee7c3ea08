import Runner
import Testing

@testable import Report

/// The statuses and seconds of a cell's statements, and its badge's text and kind.
@Test(arguments: [
    ([(StatementStatus.ran, 41.24), (.ran, 0.01)], "ran in 41.3 s", "ran"),
    ([(.ran, 2.0), (.cached, 0.3)], "ran in 2.0 s · 1 cached", "ran"),
    ([(.cached, 0.3), (.cached, 0.1)], "cached", "cached"),
    ([(.ran, 1.0), (.failed, 0.5), (.skipped, 0)], "1 failed", "failed"),
    ([(.skipped, 0), (.skipped, 0)], "skipped", "skipped"),
    ([(.ran, 1.0), (.skipped, 0)], "1 skipped", "skipped"),
    ([(.ran, 192.4)], "ran in 3 min 12 s", "ran"),
    ([(.ran, 0.01)], "ran in < 0.1 s", "ran"),
    ([], "not run", "empty"),
])
func aCellsBadgeSumsUpItsStatements(statuses: [(StatementStatus, Double)], text: String, kind: String) {
    let statements = statuses.enumerated().map { index, entry in
        StatementRecord(
            index: index, cell: 0, range: SourceRangeFixture.line(index + 1), source: "f()", binding: nil,
            status: entry.0, cacheHit: entry.0 == .cached, seconds: entry.1, seed: 0, key: "", display: nil,
            message: nil)
    }
    let badge = CellBadge(statements: statements)
    #expect([badge.text, badge.kind] == [text, kind])
}
