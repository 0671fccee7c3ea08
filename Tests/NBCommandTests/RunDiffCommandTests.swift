import Foundation
import Testing

/// A notebook of numbers computed from its parameters, in a cell, in a table and in the prose:
/// it runs in well under a second, so it can run three times.
private let parameterNotebook = """
    ---
    seed: 3
    params:
      beta: 1.0
      hidden: 32
    ---
    # Diff

    ```nb
    half = ratio(beta, to: 2.0)
    half
    model = mlp_vae(hidden: [hidden], latent: 2)
    summary(model)
    ```

    A quarter of beta is `{nb} ratio(beta, to: 4.0)`.

    """

/// The report's run-change line with the last run's time taken out, and whether it has markers.
private func changes(_ command: NBCommand) throws -> (line: String?, deltas: Int) {
    let html = try String(decoding: command.bytes(of: "out/notebook.html"), as: UTF8.self)
    let line = html.firstMatch(of: /<summary>Since the last run.*?<\/summary>|<p class="run-changes">.*?<\/p>/)
        .map { String($0.output).replacing(/<time [^>]*>[^<]*<\/time>/, with: "TIME") }
    return (line, html.components(separatedBy: "class=\"delta ").count - 1)
}

/// Issue 30 item 4: a run after a `--set` change says in the report's header what changed, and
/// each number that changed shows the old value on hover with a ▲ or ▼; a first run says nothing,
/// and a re-run that changes nothing marks nothing.
@Test func theReportMarksWhatChangedAfterASetChange() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try command.write(notebook: parameterNotebook)
    let first = try command.run(["notebook.md", "--output", "out"])
    #expect(first.status == 0, "\(first.errors)")
    let firstChanges = try changes(command)
    #expect(firstChanges.line == nil)
    #expect(firstChanges.deltas == 0)

    let second = try command.run(["notebook.md", "--output", "out", "--set", "beta=2", "--set", "hidden=16"])
    #expect(second.status == 0, "\(second.errors)")
    let secondChanges = try changes(command)
    #expect(
        secondChanges.line
            == "<summary>Since the last run, TIME: beta 1.0 → 2.0; hidden 32 → 16; 3 results changed</summary>")
    let html = try String(decoding: command.bytes(of: "out/notebook.html"), as: UTF8.self)
    #expect(
        html.contains(
            "<p class=\"output-text changed\" title=\"last run: 0.5\">1.0<span class=\"delta delta-up\">▲ 0.5</span></p>"
        ))
    #expect(
        html.contains(
            "<td class=\"number changed\" title=\"last run: 25,120\" data-label=\"parameters\">12,560"
                + "<span class=\"delta delta-down\">▼ 12,560</span></td>"))
    #expect(
        html.contains(
            "<span class=\"inline-value changed\" id=\"value-4\" title=\"{nb} ratio(beta, to: 4.0) · last run: 0.25\">"
                + "0.5<span class=\"delta delta-up\">▲ 0.25</span></span>"))
    #expect(secondChanges.deltas == 14)

    let third = try command.run(["notebook.md", "--output", "out", "--set", "beta=2", "--set", "hidden=16"])
    #expect(third.status == 0, "\(third.errors)")
    let thirdChanges = try changes(command)
    #expect(thirdChanges.line == "<p class=\"run-changes\">Since the last run, TIME: nothing changed</p>")
    #expect(thirdChanges.deltas == 0)
}
