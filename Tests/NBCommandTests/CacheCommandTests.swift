import Foundation
import Testing

/// `text` with sizes (`120 bytes`, `4.1 kB`) written `‹size›`.
private func sizesHidden(_ text: String) -> String {
    text.replacing(#/[0-9]+(\.[0-9])? (bytes|kB|MB)/#, with: "‹size›")
}

private func cell(_ code: String) -> String {
    "# Cache\n\n```nb\n\(code)\n```\n"
}

/// The entry files in `out/.cache`.
private func entries(_ command: NBCommand) throws -> Set<String> {
    let names = try FileManager.default.contentsOfDirectory(
        atPath: command.directory.appendingPathComponent("out/.cache").path)
    return Set(names.filter { $0.hasSuffix(".nbc") })
}

/// The cache used to grow without bound: nothing said what it held, nothing removed what no run
/// used any more.
@Test func cacheInfoShowsEachNotebooksShareAndPruneRemovesOnlyWhatNoLastRunUsed() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try command.write(notebook: cell("x = ratio(3, to: 4)\ny = percent(x)"))
    #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
    try Data(cell("z = ratio(1, to: 8)").utf8).write(to: command.directory.appendingPathComponent("other.md"))
    #expect(try command.run(["other.md", "--output", "out"]).status == 0)
    // An edit: the last run of notebook.md no longer uses its two old entries.
    try command.write(notebook: cell("x = ratio(3, to: 5)\ny = percent(x)"))
    #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
    let named = Set(try command.record().statements.map { "\($0.key).nbc" })

    let info = try command.run(["--cache-info", "--output", "out"])
    #expect(info.status == 0, "\(info.errors)")
    #expect(
        sizesHidden(info.output) == """
            out/.cache: 5 entries, ‹size›
              notebook.md (notebook.json): 2 entries, ‹size›
              other.md (other.json): 1 entry, ‹size›
              unused: 2 entries, ‹size› (nb --prune removes them)

            """)

    let before = try entries(command)
    let prune = try command.run(["--prune", "--output", "out"])
    #expect(prune.status == 0, "\(prune.errors)")
    #expect(sizesHidden(prune.output) == "out/.cache: removed 2 entries, ‹size›; kept 3 entries, ‹size›\n")
    let after = try entries(command)
    #expect(before.subtracting(after).count == 2)
    #expect(named.isSubset(of: after))
    #expect(try command.run(["notebook.md", "--output", "out"]).output.contains("2 cached"))
    #expect(
        sizesHidden(try command.run(["--prune", "--output", "out"]).output).hasPrefix("out/.cache: removed 0 entries"))
}

/// A training's snapshots are entries its record does not name one by one: `--prune` keeps them
/// while the last run trains, and removes them once it does not.
@Test func pruneKeepsTheSnapshotsOfATrainingTheLastRunUsed() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 10, variant: 0)
    try command.write(
        notebook: cell(
            """
            d = mnist(split: "test", limit: 10, data: "digits")
            m = mlp_vae(hidden: [8], latent: 2)
            f = train(m, on: d, epochs: 2, batch: 10)
            """))
    #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
    let trained = try entries(command)
    // Three statements, and the snapshots: a result per epoch and the last epoch's state.
    #expect(trained.count == 6)
    #expect(
        sizesHidden(try command.run(["--prune", "--output", "out"]).output).hasPrefix("out/.cache: removed 0 entries"))
    #expect(try entries(command) == trained)

    try command.write(notebook: cell("d = mnist(split: \"test\", limit: 10, data: \"digits\")"))
    #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
    let prune = try command.run(["--prune", "--output", "out"])
    #expect(sizesHidden(prune.output) == "out/.cache: removed 5 entries, ‹size›; kept 1 entry, ‹size›\n")
}

@Test func cacheCommandsTakeNoNotebook() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try command.write(notebook: cell("x = ratio(3, to: 4)"))
    let result = try command.run(["notebook.md", "--prune"])
    #expect(result.status == 2)
    #expect(
        result.errors.hasPrefix(
            "Error: --cache-info and --prune are about the whole cache in --output; give them no notebook\n"))
}
