import Notebook
import Runner
import TestSupport
import Testing

/// Checks a notebook made of the front matter below and `code` as one cell, whose code starts
/// on line 9 of the file.
private let frontMatter = """
    ---
    title: Checks
    params:
      epochs: 2
      lr: 0.01
      zero: 0
    ---
    """

private func check(_ marked: String, overrides: [String] = []) -> (MarkedSource, Plan?, [Diagnostic]) {
    let source = MarkedSource(frontMatter + "\n```nb\n" + marked + "\n```\n")
    let document = Document(source: SourceFile(path: "Notebooks/x.md", text: source.text))
    let (plan, diagnostics) = Checker(registry: testRegistry(counter: RunCounter()), hints: .nb).check(
        document, overrides: overrides)
    return (source, plan, diagnostics)
}

@Suite struct CheckerTests {
    static let errors: [(String, String)] = [
        (#"x = 1️⃣mnst(split: "train")"#, "unknown operation 'mnst'; did you mean 'mnist'?"),
        ("x = 1️⃣zzzzzz()", "unknown operation 'zzzzzz'; 'nb --list-ops' lists the operations"),
        (#"d = mnist(1️⃣splt: "train")"#, "'mnist' has no parameter 'splt'; did you mean 'split'?"),
        ("m = 1️⃣mlp(latent: 2)", "missing argument 'hidden: [Int]' in call to 'mlp'"),
        (#"d = mnist(split: "train", 1️⃣split: "test")"#, "argument 'split' is given twice in call to 'mnist'; keep one"),
        ("d = mnist(split: 1️⃣3)", "argument 'split' of 'mnist' must be String, got Int"),
        (#"d = mnist(split: 1️⃣"val")"#, #"'split' must be one of "train", "test", got "val""#),
        ("m = mlp(hidden: [1️⃣0])", "'hidden' must be >= 1, got 0"),
        ("m = mlp(hidden: [4, 1️⃣\"a\"])", "element of argument 'hidden' of 'mlp' must be Int, got String"),
        ("d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: 1️⃣0)", "'epochs' must be in 1...1000, got 0"),
        ("d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, lr: 1️⃣-1)", "'lr' must be > 0, got -1.0"),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: 1️⃣zero)",
            "'epochs' must be in 1...1000, got 0 (parameter 'zero' at line 6)"
        ),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: 1️⃣m)",
            "argument 'on' of 'train' must be Dataset, got Model"
        ),
        (
            "d = mnist()\nmodel = mlp(hidden: [4])\nf = train(1️⃣modl, on: d)",
            "undefined name 'modl'; did you mean 'model'?"
        ),
        (
            "x = add(1️⃣y, 1)\ny = add(1, 2)",
            "'y' is used before it is bound at line 10; move this statement after that line"
        ),
        (
            "x = add(1, 2)\n1️⃣x = add(2, 3)",
            "'x' is already bound at line 9; a name is bound once, so choose another name"
        ),
        ("1️⃣epochs = add(1, 2)", "'epochs' is a parameter; choose another name, or change it with --set epochs=…"),
        ("x = 1️⃣mnist", "'mnist' is an operation, not a value; call it: mnist(…)"),
        ("x = add(1, 2, 1️⃣3)", "too many unlabelled arguments to 'add', which takes 2; label the others"),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(1️⃣model: m, on: d)",
            "argument 'model' of 'train' is passed without a label; remove 'model:'"
        ),
        ("1️⃣loss_curves()", "missing argument 'fits' (Fit, unlabelled) in call to 'loss_curves'"),
        ("x = 1️⃣[]", "cannot tell the element type of an empty list here; write at least one element"),
        ("x = [1, 1️⃣\"a\"]", "list elements must all have one type: expected Int, got String"),
        ("x = add(1, 1️⃣2.5)", "argument 'b' of 'add' must be Int, got Float"),
    ]

    @Test(arguments: errors)
    func eachMistakeIsReportedWithItsExactMessageAtTheMarker(marked: String, message: String) {
        let (source, plan, diagnostics) = check(marked)
        #expect(plan == nil)
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
    }

    @Test func aCorrectNotebookGivesAPlanWithDefaultsFilledAndIntsWidenedToFloats() {
        let (_, plan, diagnostics) = check(
            "d = mnist()\nm = mlp(hidden: [400, 400], latent: 2)\nf = train(m, on: d, epochs: epochs, lr: 1)\nloss_curves(f, f)"
        )
        #expect(diagnostics.isEmpty)
        #expect(plan?.statements.map(\.binding) == ["d", "m", "f", nil])
        #expect(plan?.statements.map(\.type) == [.dataset, .model, .fit, .figure])
        #expect(plan?.statements.map(\.inputs) == [[], [], [1, 0], [2]])
        guard case .call(let spec, let arguments, _)? = plan?.statements[2].expression else {
            Issue.record("expected a call")
            return
        }
        #expect(spec.name == "train")
        #expect(arguments.map(\.name) == ["model", "on", "epochs", "lr"])
        #expect(
            arguments.map { argument in
                if case .constant(let value) = argument.value { return value.literalText }
                return "-"
            } == ["-", "-", "2", "1.0"])
        #expect(plan?.graph.transitiveDependents(of: 0) == [2, 3])
    }

    @Test func everyProblemInTheNotebookIsReportedAtOnce() {
        let (_, _, diagnostics) = check(
            "d = mnst()\nm = mlp(hidden: [4], latnt: 2)\nf = train(m, on: q, epochs: 0)\nd = add(1, 2)")
        #expect(
            diagnostics.map(\.message) == [
                "unknown operation 'mnst'; did you mean 'mnist'?",
                "'mlp' has no parameter 'latnt'; did you mean 'latent'?",
                "undefined name 'q'",
                "'epochs' must be in 1...1000, got 0",
                "'d' is already bound at line 9; a name is bound once, so choose another name",
            ])
        #expect(diagnostics.map(\.range?.start.line) == [9, 10, 11, 11, 12])
    }

    @Test func aNameWhoseStatementDidNotParseIsNotReportedAgain() {
        let (_, plan, diagnostics) = check("d = mnist(\nm = mlp(hidden: [4])\nf = train(m, on: d)")
        #expect(plan == nil)
        #expect(diagnostics.map(\.message) == ["'(' opened at 9:10 is never closed; add ')'"])
    }

    @Test func renderedDiagnosticsQuoteTheLineWithACaret() {
        let (source, _, diagnostics) = check(#"x = mnst(split: "train")"#)
        let text = DiagnosticRenderer(source: SourceFile(path: "Notebooks/x.md", text: source.text)).render(diagnostics)
        #expect(
            text == """
                Notebooks/x.md:9:5: error: unknown operation 'mnst'; did you mean 'mnist'?
                x = mnst(split: "train")
                    ^~~~

                """)
    }
}

/// Before, 20,000 undefined names among 20,000 bound ones took minutes of suggestions no one saw.
@Test func pastTheFirstHundredProblemsUndefinedNamesGetNoSuggestion() {
    let code = (0..<120).map { "a\($0) = epoch" }.joined(separator: "\n")
    let (_, plan, diagnostics) = check(code)
    #expect(plan == nil)
    #expect(diagnostics.count == 120)
    #expect(diagnostics.prefix(100).allSatisfy { $0.message.hasSuffix("did you mean 'epochs'?") })
    #expect(diagnostics.suffix(20).allSatisfy { !$0.message.contains("did you mean") })
}

@Suite struct ParameterOverrideTests {
    @Test func anOverrideReplacesTheDefaultAndIsMarked() {
        let (_, plan, diagnostics) = check("x = add(1, 2)", overrides: ["epochs=5", "lr=1"])
        #expect(diagnostics.isEmpty)
        #expect(plan?.parameters.map(\.name) == ["epochs", "lr", "zero"])
        #expect(plan?.parameters.map(\.value.literalText) == ["5", "1.0", "0"])
        #expect(plan?.parameters.map(\.overridden) == [true, true, false])
    }

    static let errors: [([String], String)] = [
        (["epoch=5"], "--set: unknown parameter 'epoch'; did you mean 'epochs'? (parameters: epochs, lr, zero)"),
        (["epochs=two"], "--set epochs=two: 'epochs' is Int, and 'two' is not"),
        (["lr=fast"], "--set lr=fast: 'lr' is Float, and 'fast' is not"),
        (["epochs"], "--set 'epochs' must be 'name=value', like --set epochs=2"),
        (["=3"], "--set '=3' must be 'name=value', like --set epochs=2"),
        (["epochs=2", "epochs=3"], "--set epochs is given twice; keep one"),
    ]

    @Test(arguments: errors)
    func badOverridesAreErrorsWithoutAPosition(overrides: [String], message: String) {
        let (_, plan, diagnostics) = check("x = add(1, 2)", overrides: overrides)
        #expect(plan == nil)
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.map(\.range) == [nil])
    }

    /// Before, every use of the parameter was also "undefined name 'epochs'".
    @Test func aWrongTypeOverrideIsOneErrorAndKeepsTheParameterTyped() {
        let (source, plan, diagnostics) = check(
            "d = mnist(split: 1️⃣epochs)\nm = mlp(hidden: [epochs, epochs])\nf = train(m, on: d, epochs: epochs)",
            overrides: ["epochs=x"])
        #expect(plan == nil)
        #expect(
            diagnostics.map(\.message) == [
                "--set epochs=x: 'epochs' is Int, and 'x' is not",
                "argument 'split' of 'mnist' must be String, got Int",
            ])
        #expect(diagnostics.map(\.range?.start) == [nil, source["1️⃣"]])
    }

    @Test func anOverriddenValueIsRangeCheckedWhereItIsUsed() {
        let (source, _, diagnostics) = check(
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: 1️⃣epochs)", overrides: ["epochs=0"])
        #expect(diagnostics.map(\.message) == ["'epochs' must be in 1...1000, got 0 (set by --set epochs=0)"])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
    }

    @Test func aNotebookWithoutParametersSaysSo() {
        let document = Document(source: SourceFile(path: "x.md", text: "```nb\nx = add(1, 2)\n```\n"))
        let (_, diagnostics) = Checker(registry: testRegistry(counter: RunCounter()), hints: .nb).check(
            document, overrides: ["a=1"])
        #expect(
            diagnostics.map(\.message) == [
                "--set: unknown parameter 'a' (the notebook declares no parameters under 'params:')"
            ])
    }
}

@Test(arguments: [
    ("Sum: `{nb} add(1, 1️⃣y)`.", "undefined name 'y'"),
    (
        "A data set: `{nb} 1️⃣d`.",
        "a value in the prose must be Int, Float, String or Bool, got Dataset; show a Dataset in a cell, "
            + "or quote one of its numbers, like parameters(fit)"
    ),
])
func anInlineExpressionIsCheckedWithTheCellsAtItsProsePosition(marked: String, message: String) throws {
    let source = MarkedSource(frontMatter + "\n```nb\nx = add(1, 2)\nd = mnist()\n```\n\n" + marked + "\n")
    let document = Document(source: SourceFile(path: "Notebooks/x.md", text: source.text))
    let (plan, diagnostics) = Checker(registry: testRegistry(counter: RunCounter()), hints: .nb).check(document)
    #expect(plan == nil)
    #expect(diagnostics.map(\.message) == [message])
    #expect(diagnostics.first?.range?.start == source.markers["1️⃣"])
}

@Test func anInlineExpressionMayReadANameBoundInALaterCell() throws {
    let text = frontMatter + "\n\nIt is `{nb} add(x, epochs)`.\n\n```nb\nx = add(1, 2)\n```\n"
    let (plan, diagnostics) = Checker(registry: testRegistry(counter: RunCounter()), hints: .nb).check(
        Document(source: SourceFile(path: "x.md", text: text)))
    #expect(diagnostics.isEmpty)
    let statements = try #require(plan).statements
    #expect(statements.map(\.source) == ["x = add(1, 2)", "add(x, epochs)"])
    #expect(statements[1].inputs == [0])
}

/// Runner names no command-line flag and no operation of its own: the messages that point
/// outside the notebook use the words the caller supplies.
@Test(
    arguments: [
        ("x = 1️⃣zzzzzz()", [], "unknown operation 'zzzzzz'; 'tool ops' lists the operations"),
        ("1️⃣epochs = add(1, 2)", [], "'epochs' is a parameter; choose another name, or change it with -D epochs=…"),
        ("x = add(1, 2)", ["epochs=two"], "-D epochs=two: 'epochs' is Int, and 'two' is not"),
    ] as [(String, [String], String)])
func checkerMessagesPointWhereTheCallersHintsSay(code: String, overrides: [String], message: String) {
    let source = MarkedSource(frontMatter + "\n```nb\n" + code + "\n```\n")
    let document = Document(source: SourceFile(path: "Notebooks/x.md", text: source.text))
    let hints = CheckHints(listOperations: "tool ops", setFlag: "-D", quoteExample: "first(x)")
    let (_, diagnostics) = Checker(registry: testRegistry(counter: RunCounter()), hints: hints).check(
        document, overrides: overrides)
    #expect(diagnostics.map(\.message) == [message])
}
