import Datasets
import Foundation
import Runner

/// Loading a CSV table of numeric features and a label column:
/// `csv(path: "wine.csv", label: "class", split: "train", standardize: true)`.
enum TableDataOperations {
    static let all = [csv]

    /// Which rows a call keeps.
    enum Part: String, CaseIterable {
        case all, train, test
    }

    static let csv = OperationSpec(
        name: "csv",
        doc: "Loads a CSV table: numeric feature columns and a label column, optionally one part of a stratified "
            + "train/test split, optionally standardized with the training rows' mean and deviation.",
        parameters: [
            .labelled("path", .string, .nonEmpty), .labelled("label", .string, .nonEmpty),
            .labelled("features", .list(.string), .nonEmpty, optional: true),
            .labelled("header", .bool, default: .bool(true)), .labelled("skip", .int, default: .int(0), .atLeast(0)),
            .labelled("split", .string, default: .string("all"), .oneOf(Part.allCases.map(\.rawValue))),
            .labelled(
                "test_fraction", .float, default: .float(0.25),
                .range(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)),
            .labelled("seed", .int, default: .int(0), .atLeast(0)),
            .labelled("standardize", .bool, default: .bool(false)), DataLoading.classesParameter,
        ],
        result: .dataset, version: 1,
        inputFiles: { constants in
            [InputFile(path: try DataLoading.path(Arguments(constants, operation: "csv")), origin: "path:")]
        },
        precheck: DataLoading.precheck(at: "path") { arguments in
            let path = try DataLoading.existing(arguments)
            let schema = try CSVReader.schema(path: path, options: try options(arguments))
            let names = try DataLoading.blaming("classes") {
                try classNames(arguments, schema.classNames, schema.label)
            }
            return DatasetFact(imageShape: [schema.featureCount], classes: names.count, title: title(path, arguments))
        }
    ) { arguments, _ in
        let path = try DataLoading.existing(arguments)
        let options = try options(arguments)
        var table = try CSVReader.read(path: path, options: options)
        let names = try classNames(arguments, table.classNames, options.label)
        let part = Part(rawValue: try arguments.string("split")) ?? .all
        let (fraction, seed) = (try arguments.float("test_fraction"), try arguments.int("seed"))
        var notes: [DatasetNote] = []
        var training = table
        if part != .all {
            let (train, test) = try table.split(testFraction: fraction, seed: UInt64(seed))
            (table, training) = (part == .train ? train : test, train)
            notes.append(.split(testFraction: fraction, seed: seed))
        }
        if try arguments.bool("standardize") {
            table = Standardizer(fitting: training).apply(to: table)
            notes.append(.standardized)
        }
        return .domain(
            DatasetValue(
                examples: table.examples(name: title(path, arguments), classNames: names), notes: notes,
                featureNames: table.featureNames))
    }

    /// The reading options of a call.
    private static func options(_ arguments: Arguments) throws -> CSVOptions {
        CSVOptions(
            label: try arguments.string("label"),
            features: arguments["features"] == nil ? nil : try DataLoading.strings(arguments, "features"),
            header: try arguments.bool("header"), skip: try arguments.int("skip"))
    }

    /// The class names: `classes:` when given (one for each of the label column's `values`, in
    /// their order), else the values themselves.
    private static func classNames(_ arguments: Arguments, _ values: [String], _ label: String) throws -> [String] {
        guard let given = try DataLoading.classNames(arguments) else { return values }
        guard given.count == values.count else {
            throw DataFileError.classNameCount(given: given.count, label: label, values: values)
        }
        return given
    }

    /// `wine_data.csv train`: the file's name and the part kept.
    private static func title(_ path: String, _ arguments: Arguments) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        let part = (try? arguments.string("split")) ?? "all"
        return part == "all" ? file : "\(file) \(part)"
    }
}
