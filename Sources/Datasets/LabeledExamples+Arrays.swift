/// Data sets from NumPy arrays: an examples array and, optionally, a labels array.
///
/// An examples array is read as PyTorch would hold it: (N, F) as N rows of F features,
/// (N, H, W) as grey images, (N, C, H, W) as images with C = 1 or 3 channels, and (N, H, W, C)
/// (Keras' and NumPy's usual image layout) transposed to (N, C, H, W). Bytes stay bytes, read as
/// `byte / 255`; other types become Float32 as they are.
extension LabeledExamples {
    /// How an examples array's items are laid out.
    public struct ArrayLayout: Equatable, Sendable {
        /// One example's shape as nb holds it: (C, H, W) or (F).
        public let shape: [Int]
        /// Whether the array stores images channels-last, (N, H, W, C), to be transposed.
        public let channelsLast: Bool
    }

    /// The layout of an examples array of `shape` (read from `path`, named in errors): what
    /// checking a notebook needs, from the header alone.
    public static func layout(ofArray shape: [Int], path: String) throws -> ArrayLayout {
        let isChannels = { (size: Int) in size == 1 || size == 3 }
        switch shape.count {
        case 2 where shape[1] > 0: return ArrayLayout(shape: [shape[1]], channelsLast: false)
        case 3 where shape[1] > 0 && shape[2] > 0:
            return ArrayLayout(shape: [1, shape[1], shape[2]], channelsLast: false)
        case 4 where isChannels(shape[1]) && shape[2] > 0 && shape[3] > 0:
            return ArrayLayout(shape: Array(shape[1...]), channelsLast: false)
        case 4 where isChannels(shape[3]) && shape[1] > 0 && shape[2] > 0:
            return ArrayLayout(shape: [shape[3], shape[1], shape[2]], channelsLast: true)
        default: throw ArrayLayoutError.notExamples(path: path, shape: shape)
        }
    }

    /// The class indices of a labels array of `shape` holding `labels` (from `path`), checked:
    /// one per example, none negative, fewer than 256 classes.
    public static func classIndices(_ labels: [Int], shape: [Int], path: String) throws -> [UInt8] {
        guard shape.count == 1 || (shape.count == 2 && shape[1] == 1) else {
            throw ArrayLayoutError.labelsNotVector(path: path, shape: shape)
        }
        if let index = labels.firstIndex(where: { $0 < 0 }) {
            throw ArrayLayoutError.negativeLabel(path: path, index: index, label: labels[index])
        }
        let classes = (labels.max() ?? 0) + 1
        guard classes <= 256 else { throw ArrayLayoutError.tooManyClasses(path: path, classes: classes) }
        return labels.map { UInt8($0) }
    }

    /// A data set of the examples in `array` (read from `path`) with `labels` (class indices read
    /// from `labelsPath`; all 0 when nil), keeping the first `limit` examples if given.
    ///
    /// The classes are named `classNames` when given, else `"0"`, `"1"`, … up to the largest label.
    public init(
        name: String, array: NPYArray, path: String, labels: [UInt8]?, labelsPath: String, classNames: [String]?,
        limit: Int? = nil
    ) throws {
        let layout = try Self.layout(ofArray: array.shape, path: path)
        let total = array.shape[0]
        guard total > 0 else { throw DatasetError.noImages(path: path) }
        if let labels, labels.count != total {
            throw ArrayLayoutError.countMismatch(
                examplesPath: path, examples: total, labelsPath: labelsPath, labels: labels.count)
        }
        let labels = labels ?? [UInt8](repeating: 0, count: total)
        let names = classNames ?? (0...Int(labels.max() ?? 0)).map(String.init)
        if let index = labels.firstIndex(where: { Int($0) >= names.count }) {
            throw ArrayLayoutError.labelWithoutName(
                path: labelsPath, index: index, label: Int(labels[index]), names: names.count)
        }
        let count = min(total, limit ?? .max)
        let size = layout.shape.reduce(1, *)
        var values: Values =
            array.header.type == .uint8
            ? .bytes(array.bytesOfPayload(count: count * size))
            : .floats(Array(array.floats().prefix(count * size)))
        if layout.channelsLast { values = values.channelsFirst(count: count, shape: layout.shape) }
        self.init(
            name: name, shape: layout.shape, values: values, labels: Array(labels.prefix(count)), classNames: names)
    }
}

extension LabeledExamples.Values {
    /// The values of `count` images stored (H, W, C) each, rearranged to (C, H, W): `shape`.
    func channelsFirst(count: Int, shape: [Int]) -> Self {
        switch self {
        case .bytes(let bytes): .bytes(Self.transpose(bytes, count: count, shape: shape))
        case .floats(let floats): .floats(Self.transpose(floats, count: count, shape: shape))
        }
    }

    private static func transpose<Element>(_ source: [Element], count: Int, shape: [Int]) -> [Element] {
        let (channels, plane) = (shape[0], shape[1] * shape[2])
        var result = source
        source.withUnsafeBufferPointer { from in
            result.withUnsafeMutableBufferPointer { to in
                for image in 0..<count {
                    let base = image * channels * plane
                    // to (C, H·W) ← from (H·W, C)
                    for pixel in 0..<plane {
                        for channel in 0..<channels {
                            to[base + channel * plane + pixel] = from[base + pixel * channels + channel]
                        }
                    }
                }
            }
        }
        return result
    }
}
