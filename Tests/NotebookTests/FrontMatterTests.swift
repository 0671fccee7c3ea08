import Notebook
import TestSupport
import Testing

@Suite struct FrontMatterTests {
    private func parse(_ text: String) -> (frontMatter: FrontMatter?, lineCount: Int, diagnostics: [Diagnostic]) {
        FrontMatter.parse(SourceFile(path: "x.md", text: text).lines)
    }

    @Test func titleSeedAndTypedParametersAreRead() {
        let text = """
            ---
            title: "VAE on MNIST"   # shown in the report
            seed: 42
            params:
              epochs: 10
              lr: 1e-3
              split: train
              hidden: [400, 400]
              verbose: false
            ---
            # Body
            """
        let (frontMatter, lineCount, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        #expect(lineCount == 10)
        #expect(frontMatter?.title == "VAE on MNIST")
        #expect(frontMatter?.seed == 42)
        #expect(frontMatter?.parameters.map(\.name.name) == ["epochs", "lr", "split", "hidden", "verbose"])
        #expect(
            frontMatter?.parameters.first?.value
                == Expr(
                    .integer(10), range: SourceRange(start: .init(line: 5, column: 11), end: .init(line: 5, column: 13))
                ))
        #expect(frontMatter?.parameters[2].value.kind == .string("train"))
        #expect(frontMatter?.parameters[4].value.kind == .bool(false))
    }

    @Test func aFileWithoutFrontMatterHasNone() {
        let (frontMatter, lineCount, diagnostics) = parse("# Title\n---\n")
        #expect(frontMatter == nil)
        #expect(lineCount == 0)
        #expect(diagnostics.isEmpty)
    }

    static let problems: [(String, String)] = [
        (
            "---\n1️⃣sede: 1\n---",
            "unknown front-matter key 'sede'; did you mean 'seed'? (known keys: title, seed, params)"
        ),
        ("---\nseed: 1\n1️⃣seed: 2\n---", "'seed' is set twice (first at line 2); keep one"),
        ("---\nseed: 1️⃣-1\n---", "seed must be a non-negative integer, like 'seed: 0'"),
        ("---\nseed: 1️⃣1.5\n---", "seed must be a non-negative integer, like 'seed: 0'"),
        ("---\n1️⃣seed:\n---", "'seed' has no value; write 'seed: value'"),
        ("---\n1️⃣just text\n---", "expected 'key: value' in front matter"),
        ("---\n  1️⃣epochs: 3\n---", "unexpected indentation; only parameters are indented, under 'params:'"),
        (
            "---\nparams: 1️⃣3\n---",
            "'params:' takes its parameters on the indented lines below it, one 'name: value' a line"
        ),
        (
            "---\nparams:\n  1️⃣2x: 3\n---",
            "'2x' is not a valid parameter name; use letters, digits and '_', not starting with a digit"
        ),
        ("---\nparams:\n  a: 1\n  1️⃣a: 2\n---", "'a' is set twice (first at line 3); keep one"),
        (
            "---\nparams:\n  a: 1️⃣f(1)\n---",
            "parameter 'a' must be a literal: a number, a string, true, false or a list of them"
        ),
        ("---\nparams:\n  a: 1️⃣\"x\n---", "unterminated string; add a closing '\"' on the same line"),
        ("---\nparams:\n  a: [1, 1️⃣)]\n---", "expected an expression, found ')'"),
        ("1️⃣---\ntitle: x\n", "front matter is not closed; add a line '---' after it"),
    ]

    @Test(arguments: problems)
    func problemsAreReportedAtTheMarker(marked: String, message: String) {
        let source = MarkedSource(marked)
        let diagnostics = parse(source.text).diagnostics
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
    }
}
