import Notebook
import Runner
import Testing

@testable import Operations

/// Runs `name` from the built-in registry with `values` gathered over `axes` as its `values`;
/// its result is the returned arguments' `result`.
private func aggregate(_ name: String, _ values: [Double], axes: [SweepAxis], highest: Bool? = nil) throws -> Arguments
{
    let spec = try #require(Builtins.registry.operation(named: name))
    let sweep = SweepValue(grid: SweepGrid(axes: axes), values: values.map(Value.float))
    let range = SourceRange(at: SourceLocation(line: 1, column: 1))
    let info = StatementInfo(index: 0, range: range, source: name, binding: nil)
    var arguments: [String: Value] = ["values": .domain(sweep)]
    if let highest { arguments["highest"] = .bool(highest) }
    let result = try spec.run(
        Arguments(arguments, operation: name), RunContext(seed: 0, statement: info, observer: nil))
    return Arguments(["result": result], operation: name)
}

private let beta = SweepAxis(ids: ["parameter beta"], name: "beta", labels: ["0.5", "4.0"])
private let seed = SweepAxis(ids: ["seed"], name: "seed", labels: ["1", "2"], isSeed: true)

@Suite struct SweepAggregateTests {
    // β 0.5 has seeds 100 and 102 (mean 101), β 4 has 96 and 110 (mean 103).
    private let losses: [Double] = [100, 102, 96, 110]

    @Test func meanAndStdAreOverEveryMemberWithTheSampleDenominator() throws {
        #expect(try aggregate("mean", losses, axes: [beta, seed]).float("result") == 102)
        // Squares about 102: 4 + 0 + 36 + 64 = 104, over n − 1 = 3.
        #expect(try aggregate("std", losses, axes: [beta, seed]).float("result") == (104.0 / 3).squareRoot())
    }

    @Test func bestNamesTheSettingWithTheLowestOrHighestMeanOverSeeds() throws {
        // The lowest member (96) is β 4's, but β 0.5 has the lower mean.
        #expect(try aggregate("best", losses, axes: [beta, seed], highest: false).string("result") == "beta 0.5")
        #expect(try aggregate("best", losses, axes: [beta, seed], highest: true).string("result") == "beta 4.0")
    }

    @Test(arguments: [
        ("std", [5.0], [SweepAxis](), SweepError.tooFewForSpread(count: 1)),
        ("best", [1.0, 2.0], [seed], SweepError.noSettingsToRank),
        ("mean", [1.0, .nan], [seed], SweepError.notFinite(operation: "mean", setting: "seed=2")),
    ])
    func anAggregateWithNothingToStateFailsItsStatement(
        name: String, values: [Double], axes: [SweepAxis], error: SweepError
    ) {
        #expect(throws: error) { try aggregate(name, values, axes: axes, highest: name == "best" ? false : nil) }
    }

    @Test func aSweptValueInTheProseIsLegalOnlyThroughAnAggregate() {
        func messages(_ inline: String) -> [String] {
            let text = """
                ---
                params:
                  beta: sweep([0.5, 4])
                ---
                # Sweep

                ```nb
                d = mnist(split: "test", limit: 10)
                m = mlp_vae(hidden: [8], latent: 2)
                fits = train(m, on: d, epochs: 1, beta: beta, seed: seeds(2))
                ```

                The loss is `{nb} \(inline)`.

                """
            let document = Document(source: SourceFile(path: "Notebooks/x.md", text: text))
            return Checker(registry: Builtins.registry, hints: .nb).check(document).diagnostics.map(\.message)
        }
        #expect(messages("mean(test_loss(fits, on: d))") == [])
        #expect(messages("best(test_kl(fits, on: d))") == [])
        #expect(messages("format(std(test_bce(fits, on: d)), digits: 1)") == [])
        #expect(
            messages("test_loss(fits, on: d)") == [
                "a value in the prose must be one value, got Float ×4 (beta 2 × seed 2); pass it to an operation "
                    + "that gathers a sweep into one value"
            ])
    }
}
