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

    /// Reads the IDX file at `path` (gzip-compressed or not) and checks it holds `kind`.
    public static func read(path: String, kind: Kind) throws -> IDXArray {
        try parse(GzipFile.read(path: path), kind: kind, path: path)
    }

    /// Parses the IDX bytes `bytes` read from `path` (named in errors), which must hold `kind`.
    public static func parse(_ bytes: [UInt8], kind: Kind, path: String) throws -> IDXArray {
        guard bytes.count >= 4 else {
            throw DatasetError.headerTooShort(path: path, expectedBytes: 4, actualBytes: bytes.count)
        }
        let magic = bigEndianWord(bytes, at: 0)
        guard magic == kind.rawValue else {
            throw DatasetError.wrongMagic(path: path, expected: kind.rawValue, actual: magic)
        }
        let headerBytes = 4 + 4 * kind.rank
        guard bytes.count >= headerBytes else {
            throw DatasetError.headerTooShort(path: path, expectedBytes: headerBytes, actualBytes: bytes.count)
        }
        let dimensions = (0..<kind.rank).map { Int(bigEndianWord(bytes, at: 4 + 4 * $0)) }
        // A corrupt header can claim dimensions whose product overflows; that cannot match any file.
        let expectedBytes = dimensions.reduce(1) { product, dimension in
            let (result, overflow) = product.multipliedReportingOverflow(by: dimension)
            return overflow ? Int.max : result
        }
        let actualBytes = bytes.count - headerBytes
        guard actualBytes == expectedBytes else {
            throw DatasetError.payloadLengthMismatch(
                path: path, dimensions: dimensions, expectedBytes: expectedBytes, actualBytes: actualBytes)
        }
        return IDXArray(dimensions: dimensions, bytes: bytes, payloadOffset: headerBytes)
    }

    /// The big-endian 32-bit word at `offset`.
    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
