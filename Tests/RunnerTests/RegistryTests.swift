import Runner
import Testing

@Suite struct RegistryTests {
    @Test func signaturesShowLabelsTypesDefaultsAndRanges() {
        let registry = testRegistry(counter: RunCounter())
        #expect(
            registry.operation(named: "train")?.signature == """
                train(_ model: Model, on: Dataset, epochs: Int = 10 (1...1000), lr: Float = 0.001 (> 0), seed: Int? (>= 0)) -> Fit
                """)
        #expect(
            registry.operation(named: "mnist")?.signature
                == #"mnist(split: String = "train" ("train" | "test")) -> Dataset"#)
        #expect(registry.operation(named: "loss_curves")?.signature == "loss_curves(_ fits: Fit...) -> Figure")
    }

    @Test func theListingIsSortedWithDocsIndented() {
        let listing = testRegistry(counter: RunCounter()).listing()
        #expect(
            listing.hasPrefix("add(_ a: Int, _ b: Int) -> Int\n    Adds two integers.\nexport(_ fit: Fit) -> String\n"))
        #expect(listing.split(separator: "\n").count == 20)
        #expect(listing.contains("gathered(_ fits: Fit ×n...) -> String\n"))
    }

    @Test(arguments: [
        (Constraint.between(1, 1000), Value.int(0), false),
        (Constraint.between(1, 1000), Value.int(1000), true),
        (Constraint.range(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false), Value.float(0), false),
        (Constraint.range(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false), Value.float(1e-9), true),
        (Constraint.atLeast(1), Value.list([.int(3), .int(0)]), false),
        (Constraint.oneOf(["a"]), Value.string("b"), false),
    ])
    func constraintsAllowOnlyTheirValues(constraint: Constraint, value: Value, allowed: Bool) {
        #expect(constraint.allows(value) == allowed)
    }

    @Test func typesAcceptIntsWhereFloatsAreExpectedAndNothingElse() {
        #expect(ValueType.float.accepts(.int))
        #expect(ValueType.list(.float).accepts(.list(.int)))
        #expect(!ValueType.int.accepts(.float))
        #expect(!ValueType.dataset.accepts(.model))
        #expect(ValueType.list(.list(.int)).description == "[[Int]]")
    }
}
