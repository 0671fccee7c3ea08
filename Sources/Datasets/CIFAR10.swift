import Files
import Foundation

/// The images and labels of one CIFAR-10 binary batch file.
public struct CIFARBatch: Sendable {
    /// The class index of each image, each below 10.
    public let labels: [UInt8]
    /// The pixels, `labels.count × 3 × 32 × 32` bytes: per image the red plane, then green, then
    /// blue, each row-major, as the file stores them (the channel-first layout convolutions take).
    public let pixels: [UInt8]
}

/// Reads CIFAR-10's binary version (https://www.cs.toronto.edu/~kriz/cifar.html): each record is
/// one label byte, then 3,072 pixel bytes (1,024 red, then green, then blue, row-major), 10,000
/// records per file.
public enum CIFAR10 {
    /// The bytes of one image: 3 channels of 32 × 32.
    public static let imageBytes = 3 * 32 * 32
    /// The bytes of one record: the label, then the image.
    public static let recordBytes = 1 + imageBytes
    /// The shape of one image, channels first.
    public static let imageShape = [3, 32, 32]
    /// The number of classes.
    public static let classCount = 10
    /// The file holding the class names, one a line.
    public static let metaFile = "batches.meta.txt"

    /// The batch files of `split`, in order.
    public static func files(split: Split) -> [String] {
        switch split {
        case .train: (1...5).map { "data_batch_\($0).bin" }
        case .test: ["test_batch.bin"]
        }
    }

    /// The number of images in the batch file at `path`, from its size alone: what checking a
    /// notebook needs.
    public static func imageCount(path: String) throws -> Int {
        try count(of: try NPYReader.open(path), path: path)
    }

    /// Reads the batch file at `path`, checking its size and every label.
    public static func read(path: String, memoryBudget: Int = IDXReader.defaultMemoryBudget) throws -> CIFARBatch {
        let file = try NPYReader.open(path)
        let count = try count(of: file, path: path)
        guard file.size <= memoryBudget else {
            throw DatasetError.arrayOverBudget(
                path: path, shape: [count] + imageShape, expectedBytes: file.size, budgetBytes: memoryBudget)
        }
        return try decode(try NPYReader.readBytes(file, count: file.size), path: path)
    }

    /// The batch held in `records`, read from `path` (named in errors).
    public static func decode(_ records: [UInt8], path: String) throws -> CIFARBatch {
        guard !records.isEmpty, records.count % recordBytes == 0 else {
            throw DatasetError.cifarSizeNotRecords(path: path, bytes: records.count)
        }
        return try split(records, count: records.count / recordBytes, path: path)
    }

    /// The class names in the `batches.meta.txt` file at `path`: one a line, blank lines ignored.
    public static func classNames(path: String) throws -> [String] {
        let file = try NPYReader.open(path)
        let text: String
        // The real file is 61 bytes; reading at most 64 KiB bounds a wrong one.
        text = String(decoding: try NPYReader.readBytes(file, count: 1 << 16), as: UTF8.self)
        let names = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard names.count == classCount else {
            throw DatasetError.classNameCount(path: path, expected: classCount, actual: names.count)
        }
        return names
    }

    /// The number of records in `file`, whose size must be a non-zero multiple of `recordBytes`.
    private static func count(of file: ReadableFile, path: String) throws -> Int {
        guard file.size > 0, file.size % recordBytes == 0 else {
            throw DatasetError.cifarSizeNotRecords(path: path, bytes: file.size)
        }
        return file.size / recordBytes
    }

    /// Separates the label bytes from the pixels of `records`, checking each label.
    private static func split(_ records: [UInt8], count: Int, path: String) throws -> CIFARBatch {
        var labels = [UInt8](repeating: 0, count: count)
        let pixels = [UInt8](unsafeUninitializedCapacity: count * imageBytes) { out, initialized in
            records.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = out.baseAddress else { return }
                for record in 0..<count {
                    labels[record] = from[record * recordBytes]
                    (to + record * imageBytes).update(from: from + record * recordBytes + 1, count: imageBytes)
                }
            }
            initialized = count * imageBytes
        }
        if let index = labels.firstIndex(where: { Int($0) >= classCount }) {
            throw DatasetError.cifarLabelOutOfRange(path: path, record: index, label: labels[index])
        }
        return CIFARBatch(labels: labels, pixels: pixels)
    }
}
