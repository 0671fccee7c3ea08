import Datasets
import Foundation
import Testing

/// `gzip.compress(b"hello ", mtime=0)` and `gzip.compress(b"world", mtime=0)` from Python.
private let helloGzip: [UInt8] = [
    0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0x57, 0x00, 0x00,
    0xF6, 0xF9, 0x81, 0xED, 0x06, 0x00, 0x00, 0x00,
]
private let worldGzip: [UInt8] = [
    0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x2B, 0xCF, 0x2F, 0xCA, 0x49, 0x01, 0x00, 0x43,
    0x11, 0x77, 0x3A, 0x05, 0x00, 0x00, 0x00,
]

@Suite("Reading gzip files")
struct GzipFileTests {
    @Test("A gzip stream inflates to its original bytes")
    func inflatesAStream() throws {
        #expect(try GzipFile.inflate(helloGzip, path: "hello.gz") == Array("hello ".utf8))
    }

    @Test("Concatenated gzip members inflate one after another, as gunzip does")
    func inflatesConcatenatedMembers() throws {
        #expect(try GzipFile.inflate(helloGzip + worldGzip, path: "hello.gz") == Array("hello world".utf8))
    }

    @Test("A stream cut anywhere, even in its 8-byte trailer, is reported as truncated")
    func detectsTruncation() throws {
        for length in [10, 18, 20, 25] {
            #expect(throws: DatasetError.truncatedGzip(path: "cut.gz", compressedBytes: length)) {
                try GzipFile.inflate(Array(helloGzip.prefix(length)), path: "cut.gz")
            }
        }
    }

    @Test("A wrong CRC is reported with zlib's reason")
    func detectsABadChecksum() throws {
        var damaged = helloGzip
        damaged[18] ^= 0xFF
        #expect(throws: DatasetError.corruptGzip(path: "bad.gz", reason: "incorrect data check")) {
            try GzipFile.inflate(damaged, path: "bad.gz")
        }
    }

    @Test("A truncated copy of a real MNIST file gives the exact error and message")
    func detectsATruncatedFile() throws {
        let original = try GzipFile.readRaw(RealMNIST.directory + "/t10k-labels-idx1-ubyte.gz")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(Array(original.prefix(2000)), to: "t10k-labels-idx1-ubyte.gz")

        let error = DatasetError.truncatedGzip(path: path, compressedBytes: 2000)
        #expect(throws: error) { try GzipFile.readWhole(path) }
        #expect(
            error.description
                == "\(path): truncated: the gzip stream ends early, after all 2000 bytes of the file; re-copy it "
                + "from its source (MNIST ships with nb in Data/mnist; Fashion-MNIST comes from "
                + "`sudo apt-get install --reinstall dataset-fashion-mnist`)")
    }

    @Test("An uncompressed file is read as it is")
    func readsUncompressedFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write([0, 0, 8, 1, 0, 0, 0, 0], to: "labels-idx1-ubyte")
        #expect(try GzipFile.readWhole(path) == [0, 0, 8, 1, 0, 0, 0, 0])
    }

    @Test("A .gz file that is not gzip is rejected")
    func rejectsAFakeGzipFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write([0, 0, 8, 1, 0, 0, 0, 0], to: "labels-idx1-ubyte.gz")
        #expect(throws: DatasetError.notGzip(path: path)) { try GzipFile.readWhole(path) }
    }

    @Test("A missing file is named in the error")
    func reportsAMissingFile() throws {
        #expect(throws: DatasetError.fileNotFound(path: "/nonexistent/train-images-idx3-ubyte.gz")) {
            try GzipFile.readWhole("/nonexistent/train-images-idx3-ubyte.gz")
        }
    }
}

extension GzipFile {
    /// The contents of a small file, inflated if it is gzip-compressed.
    static func readWhole(_ path: String) throws -> [UInt8] {
        try GzipFile(path: path).read(upToCount: 1 << 20)
    }

    /// The file's bytes as stored, for making damaged copies.
    static func readRaw(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
