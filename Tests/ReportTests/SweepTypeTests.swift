import Foundation
import Runner
import Testing

@testable import Report

/// A swept statement's cell says its lifted type once, as diagnostics and `--plan` do, whatever
/// the number of its members; an unswept cell says nothing of the kind.
@Test func aSweptStatementsCellSaysItsLiftedTypeOnce() throws {
    var record = try SampleRun.record()
    let first = record.statements[0]
    var members: [StatementRecord] = []
    for (index, point) in ["beta=0.5", "beta=4.0"].enumerated() {
        var member = first
        member.index = index
        member.member = point
        member.lifted = "Fit ×2 (beta 2)"
        members.append(member)
    }
    record.statements = members + record.statements.dropFirst()
    let html = ReportPage(document: SampleRun.document, record: record, context: SampleRun.context).html()
    let line = first.range.start.line
    let name = try #require(first.binding)
    let said = "<p class=\"provenance sweep-type\">line \(line): \(name) is Fit ×2 (beta 2)</p>"
    #expect(html.components(separatedBy: said).count - 1 == 1)
    #expect(!(try SampleRun.page().html()).contains("sweep-type"))
}
