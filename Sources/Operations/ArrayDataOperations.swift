import Datasets
import Foundation
import Runner

/// Loading data sets saved by NumPy and CIFAR-10's binary batches:
/// `npz(path: "mnist.npz", images: "x_test", labels: "y_test")`, `npy(path: "x.npy", labels: "y.npy")`,
/// `cifar10(split: "train", data: "Data/cifar-10-batches-bin")`.
enum ArrayDataOperations {
    static let all = [npz, npy, cifar10]

    static let npz = OperationSpec(
        name: "npz",
        doc: "Loads examples and labels from two arrays of a NumPy .npz archive (np.savez or np.savez_compressed).",
        parameters: [
            .labelled("path", .string, .nonEmpty), .labelled("images", .string, default: .string("x_train"), .nonEmpty),
            .labelled("labels", .string, default: .string("y_train"), .nonEmpty), DataLoading.classesParameter,
            DataLoading.limitParameter,
        ],
        result: .dataset, version: 1,
        inputFiles: { constants in
            [InputFile(path: try DataLoading.path(Arguments(constants, operation: "npz")), origin: "path:")]
        },
        precheck: DataLoading.precheck(at: "path") { arguments in
            let path = try DataLoading.existing(arguments)
            let layout = try DataLoading.blaming("images") {
                let header = try NPZReader.header(path: path, array: try arguments.string("images"))
                return try LabeledExamples.layout(ofArray: header.shape, path: path)
            }
            let classes = try DataLoading.blaming("labels") {
                let labels = try NPZReader.read(path: path, array: try arguments.string("labels"))
                return try DataLoading.classNames(arguments)?.count ?? classCount(labels, path: path)
            }
            return DatasetFact(imageShape: layout.shape, classes: classes, title: title(path, arguments))
        }
    ) { arguments, context in
        let path = try DataLoading.existing(arguments)
        let (imagesName, labelsName) = (try arguments.string("images"), try arguments.string("labels"))
        let images = try NPZReader.read(path: path, array: imagesName)
        let labels = try NPZReader.read(path: path, array: labelsName)
        let labelsPath = "\(path)/\(labelsName).npy"
        return try value(
            images, title: title(path, arguments), path: "\(path)/\(imagesName).npy",
            labels: try LabeledExamples.classIndices(
                try labels.integers(path: labelsPath), shape: labels.shape, path: labelsPath),
            labelsPath: labelsPath, arguments, context)
    }

    static let npy = OperationSpec(
        name: "npy",
        doc: "Loads examples from a NumPy .npy file, with their labels from a second one if given.",
        parameters: [
            .labelled("path", .string, .nonEmpty), .labelled("labels", .string, .nonEmpty, optional: true),
            DataLoading.classesParameter, DataLoading.limitParameter,
        ],
        result: .dataset, version: 1,
        inputFiles: { constants in
            let arguments = Arguments(constants, operation: "npy")
            let labels = arguments["labels"] == nil ? [] : [try DataLoading.path(arguments, "labels")]
            return ([try DataLoading.path(arguments)] + labels).map { InputFile(path: $0, origin: "path:") }
        },
        precheck: DataLoading.precheck(at: "path") { arguments in
            let path = try DataLoading.existing(arguments)
            let layout = try LabeledExamples.layout(ofArray: try NPYReader.header(path: path).shape, path: path)
            var classes = 1
            if arguments["labels"] != nil {
                classes = try DataLoading.blaming("labels") {
                    let labelsPath = try DataLoading.existing(arguments, "labels")
                    return try classCount(try NPYReader.read(path: labelsPath), path: labelsPath)
                }
            }
            classes = try DataLoading.classNames(arguments)?.count ?? classes
            return DatasetFact(imageShape: layout.shape, classes: classes, title: title(path, arguments))
        }
    ) { arguments, context in
        let path = try DataLoading.existing(arguments)
        let images = try NPYReader.read(path: path)
        var labels: [UInt8]?
        var labelsPath = path
        if arguments["labels"] != nil {
            labelsPath = try DataLoading.existing(arguments, "labels")
            let array = try NPYReader.read(path: labelsPath)
            labels = try LabeledExamples.classIndices(
                try array.integers(path: labelsPath), shape: array.shape, path: labelsPath)
        }
        return try value(
            images, title: title(path, arguments), path: path, labels: labels, labelsPath: labelsPath, arguments,
            context)
    }

    static let cifar10 = OperationSpec(
        name: "cifar10",
        doc: "Loads a split of CIFAR-10's binary version (3×32×32 colour images, 10 classes) from its folder.",
        parameters: [
            .labelled("split", .string, default: .string("train"), .oneOf(Split.allCases.map(\.rawValue))),
            .labelled("data", .string, .nonEmpty), DataLoading.limitParameter,
        ],
        result: .dataset, version: 1,
        inputFiles: { constants in
            let arguments = Arguments(constants, operation: "cifar10")
            return try cifarFiles(arguments).map { InputFile(path: $0, origin: "data:") }
        },
        precheck: DataLoading.precheck(at: "data") { arguments in
            let files = try cifarFiles(arguments)
            for file in files.dropFirst() { _ = try CIFAR10.imageCount(path: file) }
            _ = try CIFAR10.classNames(path: files[0])
            return DatasetFact(
                imageShape: CIFAR10.imageShape, classes: CIFAR10.classCount, title: cifarTitle(arguments))
        }
    ) { arguments, context in
        let files = try cifarFiles(arguments)
        let limit = try DataLoading.limit(arguments)
        var (labels, pixels): ([UInt8], [UInt8]) = ([], [])
        // Batches are read in order until `limit` images are in: 10,000 images need one file of five.
        for file in files.dropFirst() where labels.count < (limit ?? .max) {
            let batch = try CIFAR10.read(path: file)
            labels += batch.labels
            pixels += batch.pixels
        }
        let count = min(labels.count, limit ?? .max)
        let examples = LabeledExamples(
            name: cifarTitle(arguments), shape: CIFAR10.imageShape,
            values: .bytes(Array(pixels.prefix(count * CIFAR10.imageBytes))), labels: Array(labels.prefix(count)),
            classNames: try CIFAR10.classNames(path: files[0]))
        return DataLoading.value(examples, limit: limit, notes: [.bytesScaled(dtype: "uint8")], context: context)
    }

    /// The data set of the examples in `images` (read from `path`) with `labels`, named `title`, as
    /// the call's `classes:` and `limit:` ask.
    private static func value(
        _ images: NPYArray, title: String, path: String, labels: [UInt8]?, labelsPath: String, _ arguments: Arguments,
        _ context: RunContext
    ) throws -> Value {
        let limit = try DataLoading.limit(arguments)
        let examples = try LabeledExamples(
            name: title, array: images, path: path, labels: labels, labelsPath: labelsPath,
            classNames: try DataLoading.classNames(arguments), limit: limit)
        return DataLoading.value(
            examples, limit: limit, notes: [DataLoading.note(for: images.header.type)], context: context)
    }

    /// The number of classes labels name: one more than the largest.
    private static func classCount(_ labels: NPYArray, path: String) throws -> Int {
        let indices = try LabeledExamples.classIndices(try labels.integers(path: path), shape: labels.shape, path: path)
        return Int(indices.max() ?? 0) + 1
    }

    /// `x.npz x_train`, or `x.npy`: how a NumPy data set is named in figures.
    private static func title(_ path: String, _ arguments: Arguments) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        guard let images = try? arguments.string("images") else { return file }
        return "\(file) \(images)"
    }

    /// `CIFAR-10 train`.
    private static func cifarTitle(_ arguments: Arguments) -> String {
        "CIFAR-10 \((try? arguments.string("split")) ?? "train")"
    }

    /// The class-names file, then the split's batch files, in the folder `data:`.
    private static func cifarFiles(_ arguments: Arguments) throws -> [String] {
        let folder = try DataLoading.existing(arguments, "data")
        let split = Split(rawValue: try arguments.string("split")) ?? .train
        let names = [CIFAR10.metaFile] + CIFAR10.files(split: split)
        let missing = names.filter { !FileManager.default.fileExists(atPath: folder + "/" + $0) }
        guard missing.isEmpty else { throw DataFileError.notCIFARFolder(folder: folder, missing: missing) }
        return names.map { folder + "/" + $0 }
    }
}
