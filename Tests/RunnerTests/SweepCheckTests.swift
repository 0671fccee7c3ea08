import Notebook
import Runner
import TestSupport
import Testing

/// Checks `marked` as one cell under front matter declaring `epochs` (swept when `swept`), `lr`
/// and `n`.
private func check(
    _ marked: String, swept: Bool = false, overrides: [String] = []
) -> (MarkedSource, Plan?, [Diagnostic]) {
    let epochs = swept ? "sweep([1, 2])" : "2"
    let frontMatter = "---\nparams:\n  epochs: \(epochs)\n  lr: 0.01\n  n: 2\n---\n"
    let source = MarkedSource(frontMatter + "\n```nb\n" + marked + "\n```\n")
    let document = Document(source: SourceFile(path: "Notebooks/s.md", text: source.text))
    let (plan, diagnostics) = Checker(registry: testRegistry(counter: RunCounter()), hints: .nb).check(
        document, overrides: overrides)
    return (source, plan, diagnostics)
}

/// Data, a model and a training over epochs (swept in the front matter), lr and two seeds.
let gridCell = """
    data = mnist(split: "train")
    model = mlp(hidden: [8])
    fits = train(model, on: data, epochs: epochs, lr: sweep([0.1, 0.01]), seed: seeds(2))
    """

@Suite struct SweepCheckTests {
    @Test func aTwoByTwoByTwoGridPlansOneStatementPerMemberAndSharedStatementsOnce() throws {
        let (_, plan, diagnostics) = check(gridCell, swept: true)
        #expect(diagnostics.isEmpty)
        let statements = try #require(plan).statements
        #expect(statements.map(\.index) == Array(0..<10))
        #expect(statements.map(\.binding) == ["data", "model"] + Array(repeating: "fits", count: 8))
        #expect(statements.map(\.member?.label) == [nil, nil] + Self.gridLabels)
        #expect(
            statements.map(\.typeText) == ["Dataset", "Model"]
                + Array(repeating: "Fit ×8 (epochs 2 × lr 2 × seed 2)", count: 8))
        #expect(statements[2...].allSatisfy { $0.inputs == [1, 0] })
    }

    static let gridLabels = [
        "epochs=1, lr=0.1, seed=1", "epochs=1, lr=0.1, seed=2", "epochs=1, lr=0.01, seed=1",
        "epochs=1, lr=0.01, seed=2", "epochs=2, lr=0.1, seed=1", "epochs=2, lr=0.1, seed=2",
        "epochs=2, lr=0.01, seed=1", "epochs=2, lr=0.01, seed=2",
    ]

    @Test func eachMemberHasItsOwnKeyAndTheKeysAreTheSameInEveryCheck() throws {
        let keys = { () throws -> [String] in
            StatementKey.all(for: try #require(check(gridCell, swept: true).1)).map(\.entryKey.description)
        }
        let first = try keys()
        #expect(Set(first).count == 10)
        #expect(try keys() == first)
        // Fixed, so that a change to how keys are made, which would orphan every cached sweep, is seen.
        #expect(
            first.map { String($0.prefix(16)) } == [
                "20978f7192b3f9b7", "c8dc158694df3fd5", "5bf0bbc0f3f0a041", "e17628368841ea3d", "64ca5e53798caf88",
                "804b6cb36b3dd28e", "e17abbd05513d430", "3fe2a3291280c904", "319be3c6209f3a68", "0a563e985603359a",
            ])
        // A third seed adds members; those already there keep their keys.
        let grown = StatementKey.all(
            for: try #require(check(gridCell.replacingOccurrences(of: "seeds(2)", with: "seeds(3)"), swept: true).1)
        ).map(\.entryKey.description)
        #expect(grown.count == 14)
        #expect(Set(first).isSubset(of: Set(grown)))
    }

    @Test func setWithCommasSweepsAParameterAndItsMembersReadTheValues() throws {
        let (_, plan, diagnostics) = check(
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: epochs, lr: lr)",
            overrides: ["epochs=1,3", "lr=0.1"])
        #expect(diagnostics.isEmpty)
        let checked = try #require(plan)
        #expect(checked.parameters.map(\.valueText) == ["sweep([1, 3])", "0.1", "2"])
        #expect(checked.statements.map(\.member?.label) == [nil, nil, "epochs=1", "epochs=3"])
        let keys = StatementKey.all(for: checked)
        #expect(keys[2...].map { $0.parts.argument("epochs") } == [.int(1), .int(3)])
    }

    @Test func oneAxisReachedThroughTwoStatementsIsOneAxis() throws {
        let (_, plan, diagnostics) = check(
            "d = mnist()\nm = mlp(hidden: [4], latent: epochs)\nf = train(m, on: d, epochs: epochs)", swept: true)
        #expect(diagnostics.isEmpty)
        let statements = try #require(plan).statements
        #expect(
            statements.map(\.typeText) == [
                "Dataset", "Model ×2 (epochs 2)", "Model ×2 (epochs 2)", "Fit ×2 (epochs 2)", "Fit ×2 (epochs 2)",
            ])
        // Each training reads the model of its own point.
        #expect(statements[3...].map(\.inputs) == [[1, 0], [2, 0]])
    }

    @Test func sweepsOfTwoStatementsFlowingTogetherFormTheirGrid() throws {
        let (_, plan, diagnostics) = check(
            "d = mnist()\nm = mlp(hidden: [4], latent: sweep([2, 3]))\nf = train(m, on: d, epochs: epochs)",
            swept: true)
        #expect(diagnostics.isEmpty)
        let fits = try #require(plan).statements.filter { $0.binding == "f" }
        #expect(
            fits.map(\.member?.label) == [
                "latent=2, epochs=1", "latent=2, epochs=2", "latent=3, epochs=1", "latent=3, epochs=2",
            ])
        #expect(fits.map(\.inputs) == [[1, 0], [1, 0], [2, 0], [2, 0]])
        #expect(fits.first?.typeText == "Fit ×4 (latent 2 × epochs 2)")
    }

    @Test func zippedSweepsPairTheirValues() throws {
        let (_, plan, diagnostics) = check(
            "d = mnist()\nm = mlp(hidden: [4])\n"
                + "f = train(m, on: d, epochs: sweep([1, 2], zip: true), lr: sweep([0.1, 0.2], zip: true))")
        #expect(diagnostics.isEmpty)
        let statements = try #require(plan).statements
        #expect(statements.map(\.member?.label) == [nil, nil, "epochs+lr=1+0.1", "epochs+lr=2+0.2"])
        #expect(statements.last?.typeText == "Fit ×2 (epochs+lr 2)")
    }

    @Test func membersMayWriteOnePathEachWhenThePathIsSweptToo() throws {
        let (_, plan, diagnostics) = check(
            "x = write_text(sweep([1, 2], zip: true), path: sweep([\"a.txt\", \"b.txt\"], zip: true))")
        #expect(diagnostics.isEmpty)
        #expect(plan?.statements.map(\.member?.label) == [#"value+path=1+"a.txt""#, #"value+path=2+"b.txt""#])
    }

    @Test func aGatheringParameterTakesEveryMemberAndEndsTheLift() throws {
        let (_, plan, diagnostics) = check(gridCell + "\nall = gathered(fits)", swept: true)
        #expect(diagnostics.isEmpty)
        let last = try #require(plan?.statements.last)
        #expect(last.member == nil)
        #expect(last.typeText == "String")
        #expect(last.inputs == Array(2..<10))
    }

    static let errors: [(code: String, overrides: [String], message: String)] = [
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, lr: sweep([0.1, 1️⃣\"a\"]))", [],
            "member of argument 'lr' of 'train' must be Float, got String"
        ),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: sweep([1, 1️⃣0]))", [],
            "'epochs' must be in 1...1000, got 0"
        ),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: 1️⃣epochs)", ["epochs=1,0"],
            "'epochs' must be in 1...1000, got 0 (set by --set epochs=0)"
        ),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, seed: seeds(2))\ng = train(m, on: 1️⃣f)", [],
            "argument 'on' of 'train' must be Dataset, got Fit ×2 (seed 2)"
        ),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, lr: 1️⃣sweep(0.1))", [],
            "sweep takes a list of values written in place, like sweep([0.001, 0.0003]), and optionally zip: true"
        ),
        (
            "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, seed: 1️⃣seeds(0))", [],
            "seeds takes how many seeds to run, from 1 to 10000, written in place, like seeds(3)"
        ),
        (
            "d = mnist()\nm = mlp(hidden: [4])\n"
                + "f = train(m, on: d, epochs: sweep([1, 2], zip: true), lr: 1️⃣sweep([0.1], zip: true))", [],
            "'lr' has 1 values but 'epochs', which it is zipped with, has 2; zipped sweeps pair their values, so give them as many"
        ),
        (
            "x = write_text(epochs, path: 1️⃣\"out.txt\")", ["epochs=1,2"],
            "every member of this String ×2 (epochs 2) would write 'out.txt' over the last; "
                + "sweep the path too, or gather the members first"
        ),
    ]

    @Test(arguments: errors)
    func eachMistakeInASweepIsReportedAtItsMember(code: String, overrides: [String], message: String) {
        let (source, plan, diagnostics) = check(code, overrides: overrides)
        #expect(plan == nil)
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
    }

    @Test func twoSweepsOfOneNameWithOtherValuesAreAnError() {
        let (conflictSource, _, conflict) = check(
            "d = mnist()\nm = mlp(hidden: [4], latent: epochs)\nf = 1️⃣train(m, on: d, epochs: sweep([5, 6]))",
            swept: true)
        #expect(
            conflict.map(\.message) == [
                "two sweeps named 'epochs' meet here with different values (1, 2 and 5, 6); "
                    + "sweeps of one name are one axis, so give them the same values"
            ])
        #expect(conflict.first?.range?.start == conflictSource["1️⃣"])
    }

    @Test func aSweptValueInTheProseIsAnErrorNamingItsLiftedType() throws {
        let source = MarkedSource("---\nparams:\n  n: sweep([1, 2])\n---\n\nThe sum is `{nb} 1️⃣add(n, 1)`.\n")
        let document = Document(source: SourceFile(path: "Notebooks/p.md", text: source.text))
        let (plan, diagnostics) = Checker(registry: testRegistry(counter: RunCounter()), hints: .nb).check(document)
        #expect(plan == nil)
        #expect(
            diagnostics.map(\.message) == [
                "a value in the prose must be one value, got Int ×2 (n 2); "
                    + "pass it to an operation that gathers a sweep into one value"
            ])
        #expect(diagnostics.first?.range?.start == source["1️⃣"])
    }
}
