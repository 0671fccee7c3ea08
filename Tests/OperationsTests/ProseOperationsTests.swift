import Notebook
import Operations
import Runner
import Testing

/// Runs `name` from the built-in registry on `values`.
private func call(_ name: String, _ values: [String: Value]) throws -> Value {
    let spec = try #require(Builtins.registry.operation(named: name))
    let range = SourceRange(at: SourceLocation(line: 1, column: 1))
    let info = StatementInfo(index: 0, range: range, source: name, binding: nil)
    return try spec.run(Arguments(values, operation: name), RunContext(seed: 0, statement: info, observer: nil))
}

private let words: [String: Value] = ["less": .string("lower"), "greater": .string("higher"), "equal": .string("same")]
private let falseSentence = "so the sentence would state something false; check the statement it comes from"

/// Every comparison with NaN is false, so `compare` used to answer with its "equal" word, and
/// `percent` and `format` wrote "NaN%" and "∞" into the prose.
@Test(arguments: [
    ("compare", ["value": Value.float(.nan), "other": .float(1)], "compare's 'value' is NaN (not a number), "),
    ("compare", ["value": Value.float(1), "other": .float(-.infinity)], "compare's 'other' is −∞, "),
    ("percent", ["fraction": Value.float(.nan), "digits": .int(0)], "percent's 'fraction' is NaN (not a number), "),
    ("format", ["value": Value.float(.infinity), "digits": .int(1)], "format's 'value' is ∞, "),
    ("ratio", ["value": Value.float(.nan), "to": .float(2)], "ratio's 'value' is NaN (not a number), "),
])
func aNumberThatIsNotFiniteFailsTheSentenceHelper(name: String, values: [String: Value], start: String) {
    do {
        let value = try call(name, values.merging(words) { a, _ in a })
        Issue.record("\(name) gave \(value)")
    } catch {
        #expect("\(error)" == start + falseSentence)
    }
}

@Test func aRatioOfZeroToZeroFailsItsStatementInsteadOfMakingCompareSayEqual() throws {
    let text = """
        # Ratio

        The loss is `{nb} compare(ratio(0.0, to: 0.0), 1.0, less: "lower", greater: "higher")` than before.

        """
    let document = Document(source: SourceFile(path: "ratio.md", text: text))
    let plan = try #require(Checker(registry: Builtins.registry, hints: .nb).check(document).plan)
    let record = Executor(plan: plan, cache: nil, observer: nil).run()
    let statement = try #require(record.statements.first)
    #expect(statement.status == .failed)
    #expect(statement.display == nil)
    #expect(
        statement.message
            == "ratio(0, to: 0) divides by zero, so there is no number for the sentence; check what 'to' is computed "
            + "from")
    #expect(statement.range.start == SourceLocation(line: 3, column: 19))
}

@Test func finiteNumbersStillReadAsBefore() throws {
    let same = try call("compare", ["value": .float(1), "other": .float(1)].merging(words) { a, _ in a })
    let ratio = try call("ratio", ["value": .float(3), "to": .float(4)])
    let percent = try call("percent", ["fraction": .float(0.271), "digits": .int(0)])
    #expect("\(same) \(ratio) \(percent)" == #"string("same") float(0.75) string("27%")"#)
}
