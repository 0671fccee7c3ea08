import Datasets
import Runner

/// Loading data sets: `mnist(split: "train")`, `fashion_mnist(split: "test", limit: 1000)`.
enum DataOperations {
    static let all = [dataset("mnist", .mnist), dataset("fashion_mnist", .fashionMNIST)]

    /// Where a call's `data:` argument (or, without one, `NB_DATA` and the project) points.
    private static func locator(_ arguments: Arguments) throws -> DataLocator {
        var locator = DataLocator()
        if arguments["data"] != nil { locator.directory = try arguments.string("data") }
        return locator
    }

    private static func dataset(_ name: String, _ dataset: DatasetName) -> OperationSpec {
        OperationSpec(
            name: name,
            doc: "Loads a split of \(dataset.title) (28×28 grey images, 10 classes), optionally only its first images.",
            parameters: [
                .labelled("split", .string, default: .string("train"), .oneOf(Split.allCases.map(\.rawValue))),
                .labelled("limit", .int, .atLeast(1), optional: true),
                .labelled("data", .string, .nonEmpty, optional: true),
            ],
            result: .dataset, version: 2, displayVersion: 3,
            inputFiles: { constants in
                let arguments = Arguments(constants, operation: name)
                let split = Split(rawValue: try arguments.string("split")) ?? .train
                let found = try locator(arguments).locateWithPlace(dataset, split: split)
                return [found.images, found.labels].map { InputFile(path: $0, origin: found.place.origin) }
            },
            precheck: { call in
                // Only the images' header is read, for their size; a file that cannot be read is
                // reported when the call runs, as it is now.
                guard call.arguments.values.allSatisfy({ $0.constant != nil }) else { return nil }
                let arguments = call.constants
                let split = Split(rawValue: try arguments.string("split")) ?? .train
                guard let found = try? locator(arguments).locateWithPlace(dataset, split: split),
                    let dimensions = try? IDXReader.dimensions(path: found.images, kind: .images), dimensions.count == 3
                else { return nil }
                return DatasetFact(
                    imageShape: [1, dimensions[1], dimensions[2]], classes: 10,
                    title: "\(dataset.title) \(split.rawValue)")
            }
        ) { arguments, context in
            let split = Split(rawValue: try arguments.string("split")) ?? .train
            let limit = arguments["limit"] == nil ? nil : try arguments.int("limit")
            let examples = try LabeledExamples.load(
                dataset, split: split, limit: limit, locator: try locator(arguments))
            let value = DatasetValue(examples: examples, limit: limit)
            if let warning = value.limitWarning { context.warn(warning.description) }
            return .domain(value)
        }
    }
}
