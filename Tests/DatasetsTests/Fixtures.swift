import Datasets
import Foundation

/// The project's real MNIST files, decompressed once for the whole test target (about 0.3 s).
enum RealMNIST {
    /// The folder holding the four MNIST files in this checkout.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data/mnist").path

    /// The 60,000 training images, loaded on first use.
    static let train = Result { try LabeledExamples.load(.mnist, split: .train, locator: locator) }
    /// The 10,000 test images, loaded on first use.
    static let test = Result { try LabeledExamples.load(.mnist, split: .test, locator: locator) }

    private static let locator = DataLocator(directory: directory, environment: [:])
}

/// A fresh empty folder under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    /// The folder's absolute path.
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("nb-datasets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` inside the folder (creating subfolders) and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Deletes the folder and everything in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The bytes of an IDX file of unsigned bytes: magic, big-endian dimensions, then `payload`.
func idxBytes(magic: UInt32, dimensions: [Int], payload: [UInt8]) -> [UInt8] {
    func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    return bigEndian(magic) + dimensions.flatMap { bigEndian(UInt32($0)) } + payload
}
