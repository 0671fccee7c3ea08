import Foundation
import Testing

/// A notebook whose statements are on lines 9, 1000 and 10000: `--plan` used to cut
/// "line 10000" to "line 1000" and glue "line 1000" to its action ("line 1000run").
@Test func planColumnsAreAsWideAsTheirWidestEntry() throws {
    var lines = Array(repeating: "", count: 10001)
    lines[0] = "# Long"
    for (statement, line) in [("a = ratio(1, to: 2)", 9), ("b = ratio(1, to: 4)", 1000), ("c = percent(b)", 10000)] {
        lines[line - 2] = "```nb"
        lines[line - 1] = statement
        lines[line] = "```"
    }
    let command = try NBCommand()
    defer { command.remove() }
    try command.write(notebook: lines.joined(separator: "\n") + "\n")
    let plan = try command.run(["notebook.md", "--output", "out", "--plan"])
    #expect(plan.status == 0, "\(plan.errors)")
    let padding = { (statement: String) in statement.padding(toLength: 60, withPad: " ", startingAt: 0) }
    #expect(
        plan.output == """
            notebook.md: 3 statements; 3 to run
              line 9     run        \(padding("a = ratio(1, to: 2)")) · it is new
              line 1000  run        \(padding("b = ratio(1, to: 4)")) · it is new
              line 10000 run        \(padding("c = percent(b)")) · it is new

            """)
}
