/// A data set: examples of one shape with a class label each, as a loader reads them: images
/// (C×H×W, from MNIST, NumPy files, CIFAR-10 or a folder) or a table's rows (F features).
///
/// The values of all examples are one contiguous array, example after example, each laid out as
/// PyTorch lays out one item (an image channel after channel, each row-major). Images stored as
/// bytes stay bytes, a quarter of the memory of Float32 (47 MB rather than 188 MB for MNIST's
/// training set), and become Float32 in [0, 1] as `byte / 255` (PyTorch's `ToTensor`) when copied
/// into a batch. It is a value: copies share the arrays until one is changed.
public struct LabeledExamples: Sendable {
    /// How the values are stored.
    public enum Values: Sendable {
        /// Bytes 0…255, each read as `byte / 255`.
        case bytes([UInt8])
        /// Float32, read as they are.
        case floats([Float])

        /// The number of values stored.
        public var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .floats(let floats): floats.count
            }
        }
    }

    /// What the examples are, for reports: `"MNIST train"`.
    public let name: String
    /// The number of examples.
    public let count: Int
    /// One example's shape: (C, H, W) for images, (F) for a table's rows.
    public let shape: [Int]
    /// The values, `count × shape.product` of them, example after example.
    public let values: Values
    /// The class index of each example, `count` of them, each below `classNames.count`.
    public let labels: [UInt8]
    /// The name of each class, by index: `"0"` … `"9"` for MNIST.
    public let classNames: [String]

    /// Creates a set from its parts; the counts must agree (as the loaders guarantee).
    public init(name: String, shape: [Int], values: Values, labels: [UInt8], classNames: [String]) {
        precondition(shape.count == 1 || shape.count == 3, "example shape \(shape) is neither (F) nor (C, H, W)")
        let size = shape.reduce(1, *)
        precondition(values.count == labels.count * size, "\(values.count) values for \(labels.count) examples")
        precondition(labels.allSatisfy { Int($0) < classNames.count }, "a label is not below \(classNames.count)")
        self.name = name
        self.count = labels.count
        self.shape = shape
        self.values = values
        self.labels = labels
        self.classNames = classNames
    }

    /// A set of grey images stored as bytes, `height × width` each (MNIST's layout).
    public init(name: String, height: Int, width: Int, bytes: [UInt8], labels: [UInt8], classNames: [String]) {
        self.init(name: name, shape: [1, height, width], values: .bytes(bytes), labels: labels, classNames: classNames)
    }

    /// Whether the examples are images (C, H, W), rather than a table's rows.
    public var isImage: Bool { shape.count == 3 }
    /// Channels of an image: 1 for grey, 3 for colour; 1 for a table's rows.
    public var channels: Int { isImage ? shape[0] : 1 }
    /// Rows of an image; 1 for a table's rows.
    public var height: Int { isImage ? shape[1] : 1 }
    /// Columns of an image; the features of a table's row.
    public var width: Int { shape[shape.count - 1] }
    /// The number of values in one example: `C × H × W`, or F.
    public var valuesPerExample: Int { shape.reduce(1, *) }

    /// Writes example `index`'s values as Float32 (bytes as `byte / 255`) into `destination`
    /// (`valuesPerExample` floats).
    public func copyValues(ofExample index: Int, to destination: UnsafeMutablePointer<Float>) {
        let size = valuesPerExample
        switch values {
        case .bytes(let bytes):
            bytes.withUnsafeBufferPointer { source in
                for i in 0..<size { destination[i] = Float(source[index * size + i]) / 255 }
            }
        case .floats(let floats):
            floats.withUnsafeBufferPointer { source in
                guard let base = source.baseAddress else { return }
                destination.update(from: base + index * size, count: size)
            }
        }
    }

    /// The values of examples `range` as Float32, example after example.
    public func values(ofExamples range: Range<Int>) -> [Float] {
        let size = valuesPerExample
        return [Float](unsafeUninitializedCapacity: range.count * size) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for (slot, example) in range.enumerated() { copyValues(ofExample: example, to: base + slot * size) }
            initialized = range.count * size
        }
    }

    /// How many examples have each label, by class index.
    public var labelCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels {
            counts[Int(label)] += 1
        }
        return counts
    }
}
