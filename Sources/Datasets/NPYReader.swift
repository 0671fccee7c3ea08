import Files
import Foundation

/// An array read from a `.npy` file (or a `.npz` member): its type, shape and raw elements.
public struct NPYArray: Sendable {
    /// The header it was read with.
    public let header: NPYHeader
    /// The bytes holding the elements from `payloadOffset` on (a whole decoded file, so
    /// a `.npz` member's 50 MB are not copied again), or the elements alone from offset 0.
    let bytes: [UInt8]
    /// Where the elements start in `bytes`.
    let payloadOffset: Int

    /// Calls `body` with the elements as stored: little-endian, C order, `header.payloadBytes` of them.
    func withPayload<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[payloadOffset...])) }
    }

    /// The first `count` bytes of the elements: the array read from a `.npy` file itself when it
    /// is all of them (no copy), else copied at once.
    func bytesOfPayload(count: Int) -> [UInt8] {
        if payloadOffset == 0, count == bytes.count { return bytes }
        return withPayload { raw in
            [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                if let base = raw.baseAddress, let target = out.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: count)
                }
                initialized = count
            }
        }
    }

    /// The extent of each axis, outermost first.
    public var shape: [Int] { header.shape }

    /// The elements as Float32: unsigned bytes as `byte / 255` (as MNIST's pixels are scaled),
    /// other types converted as they are.
    public func floats() -> [Float] {
        let count = header.count
        return withPayload { raw in
            [Float](unsafeUninitializedCapacity: count) { out, initialized in
                switch header.type {
                case .uint8:
                    // A table of the 256 quotients: the same values as dividing, without a division each.
                    let scaled = (0..<256).map { Float($0) / 255 }
                    scaled.withUnsafeBufferPointer { table in
                        for i in 0..<count { out[i] = table[Int(raw[i])] }
                    }
                case .float32:
                    for i in 0..<count { out[i] = raw.loadUnaligned(fromByteOffset: 4 * i, as: Float.self) }
                case .float64:
                    for i in 0..<count { out[i] = Float(raw.loadUnaligned(fromByteOffset: 8 * i, as: Double.self)) }
                case .int64:
                    for i in 0..<count { out[i] = Float(raw.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)) }
                }
                initialized = count
            }
        }
    }

    /// The elements as integers, for labels; only integer types qualify. `path` is named in errors.
    public func integers(path: String) throws -> [Int] {
        let count = header.count
        return try withPayload { raw in
            switch header.type {
            case .uint8:
                return (0..<count).map { Int(raw[$0]) }
            case .int64:
                return (0..<count).map { Int(raw.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self)) }
            case .float32, .float64:
                throw DatasetError.labelsNotIntegers(path: path, descr: header.type.rawValue)
            }
        }
    }
}

/// Reads NumPy `.npy` files, format versions 1.0, 2.0 and 3.0.
///
/// The header is read and checked first; the elements are read only once their size is known to
/// match the file and to fit the memory budget (with room for their Float32 copy).
public enum NPYReader {
    /// The type and shape the `.npy` file at `path` declares, reading only its header: what
    /// checking a notebook needs before anything runs.
    public static func header(path: String) throws -> NPYHeader {
        let file = try open(path)
        return try NPYHeader(parsing: try readHeaderBytes(file), path: path)
    }

    /// Reads the whole `.npy` file at `path`.
    public static func read(path: String, memoryBudget: Int = IDXReader.defaultMemoryBudget) throws -> NPYArray {
        let file = try open(path)
        let header = try NPYHeader(parsing: try readHeaderBytes(file), path: path)
        try check(header, actualBytes: file.size - header.payloadOffset, path: path, memoryBudget: memoryBudget)
        let payload = try readBytes(file, count: header.payloadBytes)
        // The file can shrink between `stat` and reading.
        try check(header, actualBytes: payload.count, path: path, memoryBudget: memoryBudget)
        return NPYArray(header: header, bytes: payload, payloadOffset: 0)
    }

    /// Decodes a whole `.npy` file held in `bytes`, read from `path` (named in errors).
    public static func decode(
        _ bytes: [UInt8], path: String, memoryBudget: Int = IDXReader.defaultMemoryBudget
    ) throws -> NPYArray {
        let header = try NPYHeader(parsing: bytes, path: path)
        try check(header, actualBytes: bytes.count - header.payloadOffset, path: path, memoryBudget: memoryBudget)
        return NPYArray(header: header, bytes: bytes, payloadOffset: header.payloadOffset)
    }

    /// Checks that `actualBytes` of elements are exactly what `header` declares, and that they
    /// and their Float32 copy fit `memoryBudget`.
    static func check(_ header: NPYHeader, actualBytes: Int, path: String, memoryBudget: Int) throws {
        guard actualBytes == header.payloadBytes else {
            throw DatasetError.arrayPayloadMismatch(
                path: path, shape: header.shape, descr: header.type.rawValue, expectedBytes: header.payloadBytes,
                actualBytes: actualBytes)
        }
        let (floatBytes, overflow) = header.count.multipliedReportingOverflow(by: 4)
        let needed = overflow ? Int.max : max(floatBytes, header.payloadBytes)
        guard needed <= memoryBudget else {
            throw DatasetError.arrayOverBudget(
                path: path, shape: header.shape, expectedBytes: needed, budgetBytes: memoryBudget)
        }
    }

    /// The preamble and header of `file`, at most `NPYHeader.maximumHeaderBytes` past the preamble.
    private static func readHeaderBytes(_ file: ReadableFile) throws -> [UInt8] {
        do {
            var bytes = try file.read(upToCount: NPYHeader.longestPreamble)
            let end = try NPYHeader.headerEnd(bytes, path: file.path)
            if end > bytes.count { bytes += try file.read(upToCount: end - bytes.count) }
            // A short header keeps the first payload bytes read; the payload is read from `end`.
            try file.seek(to: UInt64(end))
            return bytes
        } catch let error as FileReadError {
            throw DatasetError.unreadableFile(path: file.path, reason: error.reason)
        }
    }

    /// Up to `count` bytes of `file` from where it is, with the errors in the data sets' terms.
    ///
    /// Read straight into uninitialized storage: zero-filling 50 MB first costs as much as reading it.
    static func readBytes(_ file: ReadableFile, count: Int) throws -> [UInt8] {
        var outcome: Result<Int, FileReadError> = .success(0)
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            outcome = Result { () throws(FileReadError) in try file.read(into: UnsafeMutableRawBufferPointer(buffer)) }
            initialized = (try? outcome.get()) ?? 0
        }
        if case .failure(let error) = outcome {
            throw DatasetError.unreadableFile(path: file.path, reason: error.reason)
        }
        return bytes
    }

    /// Up to `count` bytes of `file` from `offset`, with the errors in the data sets' terms.
    static func readBytes(_ file: ReadableFile, at offset: Int, count: Int) throws -> [UInt8] {
        do {
            try file.seek(to: UInt64(offset))
            return try file.read(upToCount: count)
        } catch {
            throw DatasetError.unreadableFile(path: file.path, reason: error.reason)
        }
    }

    /// Opens `path`, with the errors in the data sets' terms.
    static func open(_ path: String) throws -> ReadableFile {
        do {
            return try ReadableFile(path: path)
        } catch .notFound {
            throw DatasetError.fileNotFound(path: path)
        } catch {
            throw DatasetError.unreadableFile(path: path, reason: error.reason)
        }
    }
}
