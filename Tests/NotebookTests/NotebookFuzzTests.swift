import Engine
import Notebook
import Testing

/// Random, truncated and mutated notebooks must never crash the reader; the seed is fixed so a
/// failure reproduces.
@Suite struct NotebookFuzzTests {
    static let seedNotebook = """
        ---
        title: "Fuzz"
        seed: 3
        params:
          epochs: 2
          lr: 1e-3
          hidden: [4, -5, "x"]
        ---
        # Heading
        ```nb
        data = mnist(split: "train")
        model = mlp(hidden: [400,
            400], latent: 2)   # comment
        fit = train(model, on: data, epochs: epochs, lr: -0.5)
        loss_curves(fit, fit)
        ```
        ~~~python
        print("x")
        ~~~
        ````nb
        s = "a\\"b"
        ````
        """

    private static let alphabet = Array("abz_019 \t\n\r=()[],:-#\"\\.eE`~-é🔥".unicodeScalars)

    @Test func truncatedNotebooksNeverCrash() {
        let scalars = Array(Self.seedNotebook.unicodeScalars)
        for length in 0...scalars.count {
            read(String(String.UnicodeScalarView(scalars[0..<length])))
        }
    }

    @Test func mutatedNotebooksNeverCrash() {
        var generator = SeededGenerator(seed: 1)
        let scalars = Array(Self.seedNotebook.unicodeScalars)
        for _ in 0..<1000 {
            var mutated = scalars
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let position = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated.remove(at: position)
                case 1: mutated.insert(Self.alphabet.randomElement(using: &generator) ?? "x", at: position)
                default: mutated[position] = Self.alphabet.randomElement(using: &generator) ?? "x"
                }
                if mutated.isEmpty { mutated = ["x"] }
            }
            read(String(String.UnicodeScalarView(mutated)))
        }
    }

    @Test func randomTextNeverCrashes() {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<1000 {
            let length = Int.random(in: 0..<80, using: &generator)
            let scalars = (0..<length).map { _ in Self.alphabet.randomElement(using: &generator) ?? "x" }
            let code = String(String.UnicodeScalarView(scalars))
            read("```nb\n" + code + "\n```\n")
            read("---\nparams:\n  a: " + code + "\n---\n")
        }
    }

    /// Reads `text` and checks every diagnostic points inside the file.
    private func read(_ text: String) {
        let document = Document(source: SourceFile(path: "f.md", text: text))
        let lineCount = max(document.source.lines.count, 1)
        for diagnostic in document.diagnostics {
            #expect((diagnostic.range?.start.line ?? 1) <= lineCount + 1)
        }
        _ = DiagnosticRenderer(source: document.source).render(document.diagnostics)
    }
}
