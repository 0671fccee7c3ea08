import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A β sweep over `seeds` seeds, trained for `epochs` epochs (a number or a `sweep([…])`).
private func betaSweep(seeds: Int, epochs: String) -> String {
    """
    ---
    seed: 3
    params:
      beta: sweep([0.5, 2])
    ---
    # Sweep

    ```nb
    data = mnist(split: "train", limit: 256)
    model = mlp_vae(hidden: [32], latent: 2)
    fits = train(model, on: data, epochs: \(epochs), batch: 64, beta: beta, seed: seeds(\(seeds)))
    test_loss(fits, on: data)
    ```

    """
}

/// Growing a sweep by a seed and a longer training: `--plan` says what each member does, and
/// in total per lifted statement, with its lifted type.
@Test func planSaysWhatEachMemberOfAGrownSweepDoes() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try command.write(notebook: betaSweep(seeds: 2, epochs: "2"))
    let first = try command.run(["notebook.md", "--output", "out"])
    #expect(first.status == 0, "\(first.errors)")
    try command.write(notebook: betaSweep(seeds: 3, epochs: "sweep([2, 3])"))
    let plan = try command.run(["notebook.md", "--output", "out", "--plan"])
    #expect(plan.status == 0, "\(plan.errors)")
    let lines = plan.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "notebook.md: 26 statements; 8 cached, 4 resumed, 14 to run")
    #expect(
        lines.filter { !$0.hasPrefix("  line") }.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) } == [
            "fits × 12: 4 cached, 4 resumed from epoch 2, 4 to run · Fit ×12 (epochs 2 × beta 2 × seed 3)",
            "test_loss × 12: 4 cached, 8 to run · Float ×12 (epochs 2 × beta 2 × seed 3)",
        ])
    // Each member's action and point, without the columns' padding and the statement's text.
    let members = lines.filter { $0.hasPrefix("  line 11") }.prefix(7).map { line in
        let action = line[line.index(line.startIndex, offsetBy: 11)..<line.range(of: "fits =")!.lowerBound]
        return action.trimmingCharacters(in: .whitespaces) + " "
            + line[line.range(of: "[", options: .backwards)!.lowerBound...]
    }
    #expect(
        members == [
            "cached [epochs=2, beta=0.5, seed=1]", "cached [epochs=2, beta=0.5, seed=2]",
            "run [epochs=2, beta=0.5, seed=3] · it is new", "cached [epochs=2, beta=2.0, seed=1]",
            "cached [epochs=2, beta=2.0, seed=2]", "run [epochs=2, beta=2.0, seed=3] · it is new",
            "resumed from epoch 2 [epochs=3, beta=0.5, seed=1] · it is new",
        ])
}

/// Two seeds of a model whose epoch takes about a second, and each member's loss on its data.
private let killedSweep = """
    ---
    seed: 3
    ---
    # Kill

    ```nb
    data = mnist(split: "train", limit: 12000)
    model = mlp_vae(hidden: [400, 400], latent: 8)
    fits = train(model, on: data, epochs: 2, batch: 64, seed: seeds(2))
    test_loss(fits, on: data)
    ```

    """

/// Each member's history without its seconds, and each member's loss, from the last run's record.
private func memberResults(_ command: NBCommand) throws -> [String] {
    try command.record().statements.filter { $0.member != nil }.map { statement in
        guard case .list(let items)? = statement.display else { return "\(statement.display.map { "\($0)" } ?? "")" }
        return items.compactMap { item -> String? in
            guard case .table(let table) = item else { return nil }
            return table.rows.map { row in row.dropLast().map { "\($0)" }.joined(separator: " ") }
                .joined(separator: "; ")
        }.joined(separator: " | ")
    }
}

/// The data set and the model, then each epoch's snapshot (its result and its state) of the first
/// member, then the first epoch's of the second: a kill then lands in the second's second epoch.
private let entriesAfterSecondMembersFirstEpoch = 8

@Test func aSweepKilledMidMemberKeepsItsFinishedMemberAndResumesTheOtherBitForBit() throws {
    let uninterrupted = try NBCommand()
    defer { uninterrupted.remove() }
    try uninterrupted.write(notebook: killedSweep)
    let reference = try uninterrupted.run(["notebook.md", "--output", "out"])
    #expect(reference.status == 0, "\(reference.errors)")
    let expected = try memberResults(uninterrupted)
    #expect(expected.count == 4)

    let command = try NBCommand()
    defer { command.remove() }
    try command.write(notebook: killedSweep)
    let killed = try command.run(
        ["notebook.md", "--output", "out"], signal: SIGKILL, whenCacheHolds: entriesAfterSecondMembersFirstEpoch)
    #expect(killed.status == SIGKILL, "the run ended before it was killed: \(killed.output)")
    let resumed = try command.run(["notebook.md", "--output", "out"])
    #expect(resumed.status == 0, "\(resumed.errors)")
    let fits = try command.record().statements.filter { $0.binding == "fits" }
    #expect(fits.map(\.status) == [.cached, .ran])
    #expect(fits.map(\.resumedFrom) == [nil, 1])
    #expect(try memberResults(command) == expected)
}
