import Foundation
import Testing

@testable import Datasets

/// A CIFAR-10 batch in the binary version's exact layout: per record the label byte, then 1,024
/// red, 1,024 green and 1,024 blue bytes; pixel `i` of record `r` is `(7r + i) mod 256`.
func cifarBytes(labels: [UInt8]) -> [UInt8] {
    labels.enumerated().flatMap { record, label in
        [label] + (0..<3072).map { UInt8((7 * record + $0) % 256) }
    }
}

/// The names in CIFAR-10's `batches.meta.txt`, in its order.
let cifarClassNames = [
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
]

@Suite("Reading CIFAR-10 binary batches")
struct CIFAR10Tests {
    @Test("Records read back as labels and channel-first pixels, and the count comes from the size alone")
    func readsRecords() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(cifarBytes(labels: [3, 0, 9]), to: "data_batch_1.bin")
        #expect(try CIFAR10.imageCount(path: path) == 3)
        let batch = try CIFAR10.read(path: path)
        #expect(batch.labels == [3, 0, 9])
        #expect(batch.pixels.count == 3 * 3072)
        // Record 1's first red, first green and last blue pixel.
        #expect(batch.pixels[3072] == 7)
        #expect(batch.pixels[3072 + 1024] == UInt8((7 + 1024) % 256))
        #expect(batch.pixels[2 * 3072 - 1] == UInt8((7 + 3071) % 256))
        let expected: [UInt8] = cifarBytes(labels: [3, 0, 9]).enumerated().filter { $0.offset % 3073 != 0 }
            .map(\.element)
        #expect(batch.pixels == expected)
    }

    @Test("The splits name the binary version's files")
    func namesTheFiles() {
        #expect(
            CIFAR10.files(split: .train) == [
                "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
            ])
        #expect(CIFAR10.files(split: .test) == ["test_batch.bin"])
    }

    @Test("Class names are read one a line, ignoring blank lines")
    func readsClassNames() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(
            Array((cifarClassNames.joined(separator: "\n") + "\n\n").utf8), to: "batches.meta.txt")
        #expect(try CIFAR10.classNames(path: path) == cifarClassNames)
        let short = try folder.write(Array("cat\ndog\n".utf8), to: "short.txt")
        let error = DatasetError.classNameCount(path: short, expected: 10, actual: 2)
        #expect(throws: error) { try CIFAR10.classNames(path: short) }
        #expect(
            error.description
                == "\(short): 2 class names, one a line, but the data set has 10 classes; re-copy it from the "
                + "CIFAR-10 binary version")
    }

    @Test("A size that is not whole records is refused at check time", arguments: [0, 3073 * 2 + 5, 3072])
    func refusesAWrongSize(_ size: Int) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write([UInt8](repeating: 1, count: size), to: "test_batch.bin")
        let error = DatasetError.cifarSizeNotRecords(path: path, bytes: size)
        #expect(throws: error) { try CIFAR10.imageCount(path: path) }
        #expect(throws: error) { try CIFAR10.read(path: path) }
        #expect(
            error.description
                == "\(path): \(size) bytes is not a whole, non-zero number of CIFAR-10 records of 3073 bytes "
                + "(1 label byte, then 3 × 32 × 32 pixel bytes); re-copy it from the CIFAR-10 binary version")
    }

    @Test("A label byte past the ten classes is named with its record")
    func refusesALabelOutOfRange() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(cifarBytes(labels: [1, 10]), to: "test_batch.bin")
        let error = DatasetError.cifarLabelOutOfRange(path: path, record: 1, label: 10)
        #expect(throws: error) { try CIFAR10.read(path: path) }
        #expect(
            error.description
                == "\(path): record 1 has label 10, not a CIFAR-10 class (0..<10); re-copy it from the CIFAR-10 "
                + "binary version")
    }

    @Test("A batch over the memory budget is refused before reading")
    func refusesABatchOverTheBudget() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(cifarBytes(labels: [1, 2]), to: "test_batch.bin")
        let error = DatasetError.arrayOverBudget(
            path: path, shape: [2, 3, 32, 32], expectedBytes: 6146, budgetBytes: 6000)
        #expect(throws: error) { try CIFAR10.read(path: path, memoryBudget: 6000) }
    }
}
