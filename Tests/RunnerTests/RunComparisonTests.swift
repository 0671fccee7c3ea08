import Foundation
import Notebook
import Runner
import Testing

/// A statement of a run: `binding = source` when it binds, else a displayed `source` showing `value`.
private func statement(
    _ index: Int, line: Int, _ source: String, binding: String? = nil, value: String? = nil,
    status: StatementStatus = .ran, member: String? = nil
) -> StatementRecord {
    StatementRecord(
        index: index, cell: 0, range: SourceRange(at: SourceLocation(line: line, column: 1)), source: source,
        binding: binding, status: status, cacheHit: false, seconds: 0, seed: 0, key: "k\(index)",
        display: value.map(DisplayValue.text), message: nil, member: member)
}

private func run(_ statements: [StatementRecord], beta: String = "1.0", set: Bool = false) -> RunRecord {
    RunRecord(
        notebook: "n.md", title: nil, seed: 0,
        parameters: [.init(name: "beta", type: "Float", value: beta, overridden: set)], statements: statements,
        startedAt: "2025-03-01T12:00:00Z", seconds: 1)
}

/// A record written before runs were compared: no `previous`, nor the fields added since
/// (`type`, `lineage`, `member`, `lifted`, `keyParts`, `inputs`, `reason`). It still loads, and
/// the next run compares with it.
@Test func aRecordWrittenBeforeRunsWereComparedLoadsAndIsComparedWith() throws {
    let json = """
        {"notebook": "n.md", "parameters": [{"name": "beta", "overridden": false, "type": "Float", "value": "1.0"}],
         "seconds": 1.5, "seed": 3, "startedAt": "2025-03-01T12:00:00Z",
         "statements": [{"cacheHit": false, "cell": 0, "display": {"kind": "text", "text": "0.5"}, "index": 0,
           "key": "ab", "range": {"end": {"column": 5, "line": 11}, "start": {"column": 1, "line": 11}},
           "seconds": 0.1, "seed": 7, "source": "half", "status": "ran", "warnings": []}]}
        """
    let old = try RunRecord.decode(Data(json.utf8))
    #expect(old.previous == nil)
    #expect(RunComparison(old) == nil)
    var now = run([statement(0, line: 12, "half", value: "1.0")], beta: "2.0", set: true)
    now.previous = PreviousRun.of(old)
    let comparison = try #require(RunComparison(now))
    #expect(comparison.parameters == [.init(name: "beta", old: "1.0", new: "2.0", bySet: true)])
    #expect(comparison.changed.map(\.index) == [0])
    #expect(comparison.previousDisplay(of: 0) == .text("0.5"))
    // The record keeps the previous run and reads it back.
    #expect(try RunRecord.decode(now.jsonData()) == now)
}

/// Statements are matched by what they bind or show, not where they are: a binding whose
/// arguments changed and a statement that moved down are the same statements.
@Test func statementsAreMatchedByIdentityWhereverTheyMoved() throws {
    let last = run([
        statement(0, line: 10, "fit = train(m, epochs: 2)", binding: "fit"),
        statement(1, line: 11, "loss(fit)", value: "3.5"),
        statement(2, line: 12, "loss(fit)", value: "3.5"),
        statement(3, line: 13, "old(fit)", value: "x"),
    ])
    var now = run([
        statement(0, line: 20, "fit = train(m, epochs: 4)", binding: "fit"),
        statement(1, line: 21, "loss( fit )", value: "3.25"),
        statement(2, line: 22, "loss(fit)", value: "3.5"),
        statement(3, line: 23, "new(fit)", value: "y"),
    ])
    now.previous = PreviousRun.of(last)
    let comparison = try #require(RunComparison(now))
    #expect(comparison.parameters.isEmpty)
    #expect(comparison.changed.map(\.index) == [1])
    #expect(comparison.added.map(\.source) == ["new(fit)"])
    #expect(comparison.removed.map(\.source) == ["old(fit)"])
    #expect(comparison.removed.map(\.line) == [13])
    #expect(!comparison.isEmpty)
}

/// Figures are kept as digests of their images: the record does not hold them twice, and a
/// figure that changed still compares unequal.
@Test func aFigureIsKeptAsTheDigestOfItsImage() throws {
    let figure = DisplayFigure(image: .svg("<svg/>"), caption: "c", title: "t")
    let kept = DisplayValue.figure(figure).comparable
    let digest = "sha256:" + SHA256.hash(Data("<svg/>".utf8)).map { String(format: "%02x", $0) }.joined()
    #expect(kept == .figure(DisplayFigure(image: .svg(digest), caption: "c", title: "t")))
    var other = figure
    other.image = .svg("<svg></svg>")
    #expect(DisplayValue.figure(other).comparable != kept)
}

/// A run stopped by Ctrl-C holds partial results: the run after it compares with the run
/// before it, and a failed statement keeps no value to compare with.
@Test func aRunAfterAnInterruptedOneComparesWithTheRunBefore() throws {
    var first = run([statement(0, line: 5, "loss(fit)", value: "3.5")])
    first.startedAt = "2025-03-01T10:00:00Z"
    var interrupted = run([statement(0, line: 5, "loss(fit)", status: .interrupted)], beta: "2.0", set: true)
    interrupted.previous = PreviousRun.of(first)
    #expect(PreviousRun.of(interrupted) == PreviousRun.of(first))
    let failed = run([statement(0, line: 5, "loss(fit)", status: .failed)])
    #expect(PreviousRun.of(failed)?.statements.map(\.display) == [nil])
    #expect(
        PreviousRun.of(run([]))
            == PreviousRun(startedAt: "2025-03-01T12:00:00Z", parameters: run([]).parameters, statements: []))
}

/// The members of a sweep are matched by their point.
@Test func sweepMembersAreMatchedByTheirPoint() throws {
    let last = run([
        statement(0, line: 5, "loss(fits)", value: "3.5", member: "beta=1.0"),
        statement(1, line: 5, "loss(fits)", value: "3.0", member: "beta=2.0"),
    ])
    var now = run([
        statement(0, line: 5, "loss(fits)", value: "3.5", member: "beta=1.0"),
        statement(1, line: 5, "loss(fits)", value: "2.5", member: "beta=2.0"),
        statement(2, line: 5, "loss(fits)", value: "2.0", member: "beta=4.0"),
    ])
    now.previous = PreviousRun.of(last)
    let comparison = try #require(RunComparison(now))
    #expect(comparison.changed.map(\.member) == ["beta=2.0"])
    #expect(comparison.added.map(\.member) == ["beta=4.0"])
    #expect(comparison.removed.isEmpty)
}
