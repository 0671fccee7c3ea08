import Foundation

/// An array read from an IDX file: its dimensions and its unsigned bytes.
///
/// IDX (the MNIST format, http://yann.lecun.com/exdb/mnist/) is a 4-byte big-endian magic number
/// `0x0000TTRR` (T the element type, 0x08 for unsigned bytes; R the number of dimensions), R
/// big-endian 32-bit dimensions, then the elements in row-major order.
public struct IDXArray: Sendable {
    /// The extent of each axis, outermost first: `[60000, 28, 28]` for the MNIST training images.
    public let dimensions: [Int]
    /// The whole file; the elements start at `payloadOffset`.
    let bytes: [UInt8]
    /// Where the elements start in `bytes`: just after the header.
    let payloadOffset: Int

    /// The number of elements: the product of the dimensions.
    public var count: Int { bytes.count - payloadOffset }

    /// Calls `body` with the elements, row-major, without copying them.
    public func withUnsafePayload<Result>(
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[payloadOffset...]))
        }
    }
}

/// Parses IDX files of unsigned bytes, checking the magic number and that the data is exactly as
/// long as the header says.
public enum IDXReader {
    /// What an IDX file should hold; the raw value is its magic number.
    public enum Kind: UInt32, Sendable {
        /// Images: unsigned bytes, three dimensions (count, height, width).
        case images = 0x0000_0803
        /// Labels: unsigned bytes, one dimension (count).
        case labels = 0x0000_0801

        /// The number of dimensions, the magic number's last byte.
        public var rank: Int { Int(rawValue & 0xFF) }
    }

    /// The most bytes nb holds for one file: half the machine's memory.
    public static let defaultMemoryBudget = Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)

    /// Reads the IDX file at `path` (gzip-compressed or not) and checks it holds `kind`.
    ///
    /// The header is read first; the body is read only once its declared size is known to fit the
    /// file and `memoryBudget`, and never past that size.
    public static func read(path: String, kind: Kind, memoryBudget: Int = defaultMemoryBudget) throws -> IDXArray {
        try read(GzipFile(path: path), kind: kind, memoryBudget: memoryBudget)
    }

    /// The dimensions the header of the IDX file at `path` declares, reading nothing past it: what
    /// checking a notebook needs to know of a data set (its image size) before anything runs.
    public static func dimensions(path: String, kind: Kind) throws -> [Int] {
        let file = try GzipFile(path: path)
        return try parseHeader(try file.read(upToCount: headerLength(kind)), kind: kind, path: path).0
    }

    /// Reads an IDX array of `kind` from `file`, as `read(path:kind:memoryBudget:)` does.
    static func read(_ file: GzipFile, kind: Kind, memoryBudget: Int) throws -> IDXArray {
        let path = file.path
        let header = try file.read(upToCount: headerLength(kind))
        let (dimensions, expectedBytes) = try parseHeader(header, kind: kind, path: path)
        try checkDeclaredSize(expectedBytes, dimensions: dimensions, of: file, memoryBudget: memoryBudget)
        let total = header.count + expectedBytes
        let bytes = try [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            _ = buffer.initialize(from: header)
            let body = UnsafeMutableBufferPointer(rebasing: buffer[header.count...])
            initialized = header.count + (try file.read(into: UnsafeMutableRawBufferPointer(body)))
        }
        guard bytes.count == total else {
            throw DatasetError.payloadLengthMismatch(
                path: path, dimensions: dimensions, expectedBytes: expectedBytes,
                actualBytes: bytes.count - header.count)
        }
        // One byte more is enough to know the file is too long; a bomb is not inflated further.
        guard try file.read(upToCount: 1).isEmpty else {
            throw DatasetError.payloadTooLong(path: path, dimensions: dimensions, expectedBytes: expectedBytes)
        }
        return IDXArray(dimensions: dimensions, bytes: bytes, payloadOffset: header.count)
    }

    /// Parses the IDX bytes `bytes` read from `path` (named in errors), which must hold `kind`.
    public static func parse(_ bytes: [UInt8], kind: Kind, path: String) throws -> IDXArray {
        let headerBytes = headerLength(kind)
        let (dimensions, expectedBytes) = try parseHeader(Array(bytes.prefix(headerBytes)), kind: kind, path: path)
        let actualBytes = bytes.count - headerBytes
        guard actualBytes == expectedBytes else {
            throw DatasetError.payloadLengthMismatch(
                path: path, dimensions: dimensions, expectedBytes: expectedBytes, actualBytes: actualBytes)
        }
        return IDXArray(dimensions: dimensions, bytes: bytes, payloadOffset: headerBytes)
    }

    /// The length of a `kind` header: the magic number and one word per dimension.
    private static func headerLength(_ kind: Kind) -> Int { 4 + 4 * kind.rank }

    /// The dimensions and the payload size the header `header` declares; it must be whole.
    private static func parseHeader(_ header: [UInt8], kind: Kind, path: String) throws -> ([Int], Int) {
        guard header.count >= 4 else {
            throw DatasetError.headerTooShort(path: path, expectedBytes: 4, actualBytes: header.count)
        }
        let magic = bigEndianWord(header, at: 0)
        guard magic == kind.rawValue else {
            throw DatasetError.wrongMagic(path: path, expected: kind.rawValue, actual: magic)
        }
        guard header.count >= headerLength(kind) else {
            throw DatasetError.headerTooShort(
                path: path, expectedBytes: headerLength(kind), actualBytes: header.count)
        }
        let dimensions = (0..<kind.rank).map { Int(bigEndianWord(header, at: 4 + 4 * $0)) }
        // A corrupt header can claim dimensions whose product overflows; that cannot match any file.
        var expectedBytes = 1
        for dimension in dimensions {
            let (product, overflow) = expectedBytes.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw DatasetError.declaredSizeOverflows(path: path, dimensions: dimensions) }
            expectedBytes = product
        }
        return (dimensions, expectedBytes)
    }

    /// Checks that `expectedBytes` of payload can be in `file` and fit `memoryBudget` before any is
    /// allocated: a stored file must hold exactly that many after the header (`stat` tells), and a
    /// gzip file cannot inflate past deflate's limit of 1032 bytes per stored byte.
    private static func checkDeclaredSize(
        _ expectedBytes: Int, dimensions: [Int], of file: GzipFile, memoryBudget: Int
    ) throws {
        let path = file.path
        if file.isCompressed {
            let (limit, overflow) = file.storedBytes.multipliedReportingOverflow(by: maximumDeflateRatio)
            if !overflow, expectedBytes > limit {
                throw DatasetError.declaredSizeImpossible(
                    path: path, dimensions: dimensions, expectedBytes: expectedBytes,
                    compressedBytes: file.storedBytes, maximumBytes: limit)
            }
        } else if file.storedBytes - file.deliveredBytes != expectedBytes {
            throw DatasetError.payloadLengthMismatch(
                path: path, dimensions: dimensions, expectedBytes: expectedBytes,
                actualBytes: file.storedBytes - file.deliveredBytes)
        }
        guard expectedBytes <= memoryBudget else {
            throw DatasetError.declaredSizeOverBudget(
                path: path, dimensions: dimensions, expectedBytes: expectedBytes, budgetBytes: memoryBudget)
        }
    }

    /// The most a deflate stream inflates per compressed byte (zlib's technical details, "Maximum
    /// compression factor"); gzip members' headers only lower it.
    static let maximumDeflateRatio = 1032

    /// The big-endian 32-bit word at `offset`.
    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
