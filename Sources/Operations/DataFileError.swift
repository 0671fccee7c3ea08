import Foundation

/// A file or folder a loader was pointed at that is not there; `description` is the one place its
/// text is written.
enum DataFileError: Error, Equatable, CustomStringConvertible {
    /// `path` (given as `argument:`, `given`) does not exist.
    case notFound(argument: String, given: String, path: String)
    /// The folder `folder` lacks the CIFAR-10 files `missing`.
    case notCIFARFolder(folder: String, missing: [String])
    /// `classes:` gives `given` names for the `values` of the label column `label`.
    case classNameCount(given: Int, label: String, values: [String])

    var description: String {
        switch self {
        case .notFound(let argument, let given, let path):
            given == path
                ? "'\(argument):' names \(path), which does not exist; check the path"
                : "'\(argument):' names \(given), which does not exist at \(path); relative paths are read from "
                    + "the folder nb runs in, \(FileManager.default.currentDirectoryPath)"
        case .notCIFARFolder(let folder, let missing):
            "\(folder) is not a folder of CIFAR-10's binary version: it lacks \(missing.joined(separator: ", ")); "
                + "point 'data:' at the unpacked cifar-10-batches-bin folder"
        case .classNameCount(let given, let label, let values):
            "'classes:' gives \(given) name\(given == 1 ? "" : "s") but the label column '\(label)' holds \(values.count) values "
                + "(\(values.joined(separator: ", "))); give one name for each, in this order"
        }
    }
}
