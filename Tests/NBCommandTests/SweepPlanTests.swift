import Foundation
import Testing

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
    loss_curves(fits)
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
            "loss_curves × 12: 4 cached, 8 to run · Figure ×12 (epochs 2 × beta 2 × seed 3)",
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
