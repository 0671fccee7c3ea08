import CZlib
import Foundation
import TestSupport
import Testing

@testable import Datasets

/// How every per-file message ends.
private let recopy =
    "re-copy it from its source (MNIST ships with nb in Data/mnist; Fashion-MNIST comes from "
    + "`sudo apt-get install --reinstall dataset-fashion-mnist`)"

@Suite("Reading hostile data files")
struct HostileFileTests {
    @Test("A gzip bomb stops inflating one byte past the size its header declares")
    func stopsInflatingABomb() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // 2 images of 28 × 28 declared, then 128 MiB of zeros: about 130 KB compressed.
        let header = idxBytes(magic: 0x0000_0803, dimensions: [2, 28, 28], payload: [])
        let path = try folder.write(gzipped(header, zeros: 128 << 20), to: "train-images-idx3-ubyte.gz")

        let file = try GzipFile(path: path)
        let error = DatasetError.payloadTooLong(path: path, dimensions: [2, 28, 28], expectedBytes: 1568)
        #expect(throws: error) { try IDXReader.read(file, kind: .images, memoryBudget: 1 << 30) }
        #expect(file.deliveredBytes == 16 + 1568 + 1)
        #expect(
            error.description
                == "\(path): the IDX header describes 2 × 28 × 28 = 1568 bytes of data but more follow (nb stopped "
                + "reading there), so unexpected bytes follow; \(recopy)")
    }

    @Test("A gzip header declaring more than its file can inflate to is refused before reading the body")
    func refusesAnImpossibleDeclaredSize() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let header = idxBytes(magic: 0x0000_0803, dimensions: [60000, 28, 28], payload: [])
        let compressed = gzipped(header, zeros: 1000)
        let path = try folder.write(compressed, to: "train-images-idx3-ubyte.gz")

        let file = try GzipFile(path: path)
        let error = DatasetError.declaredSizeImpossible(
            path: path, dimensions: [60000, 28, 28], expectedBytes: 47_040_000, compressedBytes: compressed.count,
            maximumBytes: 1032 * compressed.count)
        #expect(throws: error) { try IDXReader.read(file, kind: .images, memoryBudget: 1 << 30) }
        #expect(file.deliveredBytes == 16)
        #expect(
            error.description
                == "\(path): the IDX header describes 60000 × 28 × 28 = 47040000 bytes of data, but "
                + "\(compressed.count) bytes of gzip data inflate to at most \(1032 * compressed.count), so the file "
                + "is truncated or the header corrupt; \(recopy)")
    }

    @Test("A header declaring more than the memory budget is refused before anything is allocated")
    func refusesADeclaredSizeOverTheBudget() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(
            idxBytes(magic: 0x0000_0801, dimensions: [2000], payload: Array(repeating: 1, count: 2000)),
            to: "train-labels-idx1-ubyte")
        let error = DatasetError.declaredSizeOverBudget(
            path: path, dimensions: [2000], expectedBytes: 2000, budgetBytes: 1000)
        #expect(throws: error) { try IDXReader.read(path: path, kind: .labels, memoryBudget: 1000) }
        #expect(
            error.description
                == "\(path): the IDX header describes 2000 = 2000 bytes of data, more than the 1000 bytes nb holds "
                + "in memory for one file (half this machine's memory); check that this is the right file, or "
                + recopy)
    }

    @Test("Dimensions whose product overflows are named as such, not as a capped byte count")
    func namesAnOverflowingProduct() throws {
        let bytes = idxBytes(magic: 0x0000_0803, dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], payload: [])
        let error = DatasetError.declaredSizeOverflows(
            path: "huge", dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF])
        #expect(throws: error) { try IDXReader.parse(bytes, kind: .images, path: "huge") }
        #expect(
            error.description
                == "huge: the IDX header describes 4294967295 × 4294967295 × 4294967295 bytes of data, a product "
                + "over 2^63, so the header is corrupt; \(recopy)")
    }

    @Test("An uncompressed file longer than its header says is refused from its size, without reading the body")
    func checksAStoredFileBySize() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = try folder.write(
            idxBytes(magic: 0x0000_0803, dimensions: [2, 28, 28], payload: []), to: "train-images-idx3-ubyte")
        // A sparse gibibyte: cheap to make, and reading it whole would take a gibibyte of memory.
        #expect(truncate(path, 16 + (1 << 30)) == 0)

        let file = try GzipFile(path: path)
        #expect(
            throws: DatasetError.payloadLengthMismatch(
                path: path, dimensions: [2, 28, 28], expectedBytes: 1568, actualBytes: 1 << 30)
        ) { try IDXReader.read(file, kind: .images, memoryBudget: 1 << 40) }
        #expect(file.deliveredBytes == 16)
    }

    @Test("A data file that is a FIFO is refused at once instead of waiting for a writer")
    func refusesAFIFO() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path + "/train-images-idx3-ubyte.gz"
        #expect(mkfifo(path, 0o644) == 0)
        let outcome = finishes(within: 10, unblocking: path) { _ = try IDXReader.read(path: path, kind: .images) }
        #expect(
            outcome?.failure(as: DatasetError.self)
                == DatasetError.unreadableFile(path: path, reason: "it is a named pipe (FIFO), not a regular file"))
        #expect(
            DatasetError.unreadableFile(path: path, reason: "it is a named pipe (FIFO), not a regular file")
                .description
                == "\(path): cannot be read (it is a named pipe (FIFO), not a regular file); check that it is a "
                + "readable file")
    }

    @Test("A data file that links to /dev/zero is refused instead of read forever")
    func refusesADevice() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.path + "/train-images-idx3-ubyte"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
        let outcome = finishes(within: 10) { _ = try IDXReader.read(path: path, kind: .images) }
        #expect(
            outcome?.failure(as: DatasetError.self)
                == DatasetError.unreadableFile(path: path, reason: "it is a character device, not a regular file"))
    }
}

/// `header` then `zeros` zero bytes, gzip-compressed by zlib with run-length matching (fast on zeros).
func gzipped(_ header: [UInt8], zeros: Int) -> [UInt8] {
    var stream = z_stream()
    // 15 + 16: the largest window, with a gzip wrapper.
    _ = deflateInit2_(&stream, 1, Z_DEFLATED, 15 + 16, 9, Z_RLE, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    var output: [UInt8] = []
    var piece = [UInt8](repeating: 0, count: 1 << 16)
    func feed(_ input: [UInt8], flush: Int32) {
        var input = input
        input.withUnsafeMutableBufferPointer { bytes in
            stream.next_in = bytes.baseAddress
            stream.avail_in = UInt32(bytes.count)
            repeat {
                let status = piece.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return deflate(&stream, flush)
                }
                output.append(contentsOf: piece[0..<(piece.count - Int(stream.avail_out))])
                if status == Z_STREAM_END { break }
            } while stream.avail_out == 0 || stream.avail_in > 0
        }
    }
    feed(header, flush: Z_NO_FLUSH)
    let block = [UInt8](repeating: 0, count: 1 << 20)
    for _ in 0..<(zeros >> 20) { feed(block, flush: Z_NO_FLUSH) }
    feed([UInt8](repeating: 0, count: zeros & ((1 << 20) - 1)), flush: Z_FINISH)
    return output
}
