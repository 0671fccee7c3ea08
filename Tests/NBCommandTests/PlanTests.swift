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

/// Editing one layer of a stack re-runs what depends on it, and `--plan` names the layer's own
/// argument and line, not a path like `layers[2].kernel`.
@Test func planNamesTheLayerArgumentThatChanged() throws {
    let notebook = { (kernel: Int) in
        """
        # Layers

        ```nb
        d = mnist(split: "test", limit: 10)
        enc = seq([
              conv2d(4, kernel: 3, stride: 2, padding: 1), relu(),
              conv2d(4, kernel: \(kernel), padding: 2), relu(), flatten()])
        m = vae(encoder: enc, decoder: seq([linear(784)]), latent: 2)
        summary(m, input: d)
        ```

        """
    }
    let command = try NBCommand()
    defer { command.remove() }
    try command.write(notebook: notebook(3))
    let first = try command.run(["notebook.md", "--output", "out"])
    #expect(first.status == 0, "\(first.errors)")
    try command.write(notebook: notebook(5))
    let plan = try command.run(["notebook.md", "--output", "out", "--plan"])
    #expect(plan.status == 0, "\(plan.errors)")
    let reasons = plan.output.split(separator: "\n").compactMap { line in
        line.range(of: " · ").map { String(line[$0.upperBound...]) }
    }
    #expect(
        reasons == [
            "'summary(m, input: d)' (line 9) needs its value, which the cache does not keep",
            "argument 'kernel' of conv2d (line 7) changed (3 → 5)",
            "the statement it reads ('enc', line 5) changed", "the statement it reads ('m', line 8) changed",
        ])
}
