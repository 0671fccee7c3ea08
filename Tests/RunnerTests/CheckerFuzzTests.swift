import Engine
import Notebook
import Runner
import Testing

/// Mutated and truncated notebooks and random `--set` values must never crash the checker;
/// the seed is fixed so a failure reproduces.
@Suite struct CheckerFuzzTests {
    static let notebook = """
        ---
        seed: 1
        params:
          epochs: 2
          lr: 0.5
          hidden: [4, 4]
        ---
        ```nb
        data = mnist(split: "train")
        model = mlp(hidden: hidden, latent: 2)
        fit = train(model, on: data, epochs: epochs, lr: lr, seed: 3)
        loss_curves(fit, fit)
        x = add(add(1, 2), -3)
        [x, 1]
        ```
        """

    private static let alphabet = Array("adfmnpstx_019 \n=()[],:-#\"\\.e".unicodeScalars)

    @Test func mutatedNotebooksNeverCrashTheChecker() {
        var generator = SeededGenerator(seed: 11)
        let checker = Checker(registry: testRegistry(counter: RunCounter()), hints: .nb)
        let scalars = Array(Self.notebook.unicodeScalars)
        var planned = 0
        for round in 0..<1200 {
            var mutated = scalars
            if round % 4 == 0 {
                mutated = Array(mutated.prefix(Int.random(in: 0...mutated.count, using: &generator)))
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &generator) where !mutated.isEmpty {
                    let position = Int.random(in: 0..<mutated.count, using: &generator)
                    let replacement = Self.alphabet.randomElement(using: &generator) ?? "x"
                    if Bool.random(using: &generator) {
                        mutated[position] = replacement
                    } else {
                        mutated.remove(at: position)
                    }
                }
            }
            let text = String(String.UnicodeScalarView(mutated))
            let lr = round % 3 == 0 ? String(text.suffix(3)) : "0.\(Int.random(in: 1...9, using: &generator))"
            let overrides = ["epochs=\(Int.random(in: -1...3, using: &generator))", "lr=" + lr]
            let (plan, diagnostics) = checker.check(
                Document(source: SourceFile(path: "f.md", text: text)), overrides: overrides)
            #expect((plan == nil) == diagnostics.contains(where: \.isError))
            if plan != nil { planned += 1 }
        }
        // Some mutations must still check clean, or the test only exercises error paths.
        #expect(planned > 0)
    }
}
