import Foundation
import Runner
import Testing

/// Before, `limit:` above a file's count gave fewer images without a word.
@Suite struct DataLimitTests {
    @Test func aLimitAboveTheFilesCountIsAWarningAndPartOfTheSummary() throws {
        let command = try NBCommand()
        defer { command.remove() }
        try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 20, variant: 1)
        try command.write(
            notebook: "# Limit\n\n```nb\nd = mnist(split: \"test\", limit: 100, data: \"digits\")\n```\n")
        #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
        let message =
            "limit: 100 asks for more images than MNIST test holds, so it has all 20; lower the limit to 20 or less "
            + "to say what is used"
        let statement = try #require(try command.record().statements.first)
        #expect(statement.warnings == [message])
        guard case .list(let items)? = statement.display else {
            Issue.record("the summary is not a list")
            return
        }
        #expect(items.dropFirst().first == .text(message))
    }
}
