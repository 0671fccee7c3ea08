import Datasets
import Foundation

extension Bench {
    /// Times what checking a notebook reads of the NumPy file or CIFAR-10 folder at `path` (a
    /// header, an archive's labels, the batch files' sizes) and reading it whole into a data set,
    /// as `npy`, `npz` (`x_train`, `y_train`) and `cifar10` (train) do, `rounds` times each.
    func measureArrays(path: String, rounds: Int = 7) throws {
        let (check, read): (() throws -> Void, () throws -> Int)
        if path.hasSuffix(".npz") {
            check = {
                _ = try LabeledExamples.layout(
                    ofArray: try NPZReader.header(path: path, array: "x_train").shape, path: path)
                _ = try NPZReader.read(path: path, array: "y_train")
            }
            read = {
                let images = try NPZReader.read(path: path, array: "x_train")
                let labels = try NPZReader.read(path: path, array: "y_train")
                let indices = try LabeledExamples.classIndices(
                    try labels.integers(path: path), shape: labels.shape, path: path)
                return try LabeledExamples(
                    name: "x", array: images, path: path, labels: indices, labelsPath: path, classNames: nil
                ).values.count
            }
        } else if path.hasSuffix(".npy") {
            check = { _ = try LabeledExamples.layout(ofArray: try NPYReader.header(path: path).shape, path: path) }
            read = {
                try LabeledExamples(
                    name: "x", array: try NPYReader.read(path: path), path: path, labels: nil, labelsPath: path,
                    classNames: nil
                ).values.count
            }
        } else {
            let files = CIFAR10.files(split: .train).map { path + "/" + $0 }
            check = {
                for file in files { _ = try CIFAR10.imageCount(path: file) }
                _ = try CIFAR10.classNames(path: path + "/" + CIFAR10.metaFile)
            }
            read = { try files.reduce(0) { $0 + (try CIFAR10.read(path: $1).pixels.count) } }
        }
        var bytes = 0
        let checkSeconds = try medianSeconds(rounds: rounds, check)
        let readSeconds = try medianSeconds(rounds: rounds) { bytes = try read() }
        print(BenchMessages.arraysLine(path: path, bytes: bytes, checkSeconds: checkSeconds, readSeconds: readSeconds))
    }
}
