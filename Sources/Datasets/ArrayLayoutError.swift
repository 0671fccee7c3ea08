/// An array that cannot be read as a data set's examples or labels; `description` is the one
/// place its text is written.
public enum ArrayLayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The examples array at `path` has a shape nb does not read as examples.
    case notExamples(path: String, shape: [Int])
    /// The labels array at `path` is not one label per example.
    case labelsNotVector(path: String, shape: [Int])
    /// The examples array and the labels array hold different numbers of items.
    case countMismatch(examplesPath: String, examples: Int, labelsPath: String, labels: Int)
    /// Label `label` at item `index` of `path` is negative.
    case negativeLabel(path: String, index: Int, label: Int)
    /// The labels of `path` name `classes` classes, more than nb's 256.
    case tooManyClasses(path: String, classes: Int)
    /// Label `label` at item `index` of `path` has no name among the `names` classes given.
    case labelWithoutName(path: String, index: Int, label: Int, names: Int)

    /// The message, naming the file and what to do.
    public var description: String {
        switch self {
        case .notExamples(let path, let shape):
            "\(path): an array of shape \(Self.tuple(shape)) is not a set of examples; nb reads (N, F) tables "
                + "and (N, H, W), (N, C, H, W) or (N, H, W, C) images with C = 1 or 3"
        case .labelsNotVector(let path, let shape):
            "\(path): labels must be one integer per example, shape (N,) or (N, 1), but the array's shape is "
                + "\(Self.tuple(shape))"
        case .countMismatch(let examplesPath, let examples, let labelsPath, let labels):
            "\(examplesPath) holds \(examples) examples but \(labelsPath) holds \(labels) labels; "
                + "pass the labels saved with these examples"
        case .negativeLabel(let path, let index, let label):
            "\(path): label \(label) at item \(index) is negative; classes are numbered from 0"
        case .tooManyClasses(let path, let classes):
            "\(path): the labels name \(classes) classes; nb's classifiers take at most 256"
        case .labelWithoutName(let path, let index, let label, let names):
            "\(path): label \(label) at item \(index) has no name: 'classes:' names \(names) classes (0..<\(names)); "
                + "name every class"
        }
    }

    /// `(60000, 28, 28)`, as NumPy prints a shape.
    static func tuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
