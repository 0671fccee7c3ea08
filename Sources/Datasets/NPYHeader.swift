/// The element types nb reads from NumPy files, named by their `descr` strings.
///
/// Only little-endian types (and single bytes, which have no order) are read: every machine nb
/// runs on is little-endian, and NumPy writes native order by default.
public enum NPYType: String, Sendable, CaseIterable {
    /// Unsigned bytes, as images are saved; read as `byte / 255`.
    case uint8 = "|u1"
    /// 32-bit floats.
    case float32 = "<f4"
    /// 64-bit floats, rounded to 32 bits when read.
    case float64 = "<f8"
    /// 64-bit integers, as labels are saved.
    case int64 = "<i8"

    /// The bytes of one element.
    public var size: Int {
        switch self {
        case .uint8: 1
        case .float32: 4
        case .float64, .int64: 8
        }
    }
}

/// What a `.npy` header declares (numpy/lib/format.py): the element type, the shape, and where
/// the elements start.
///
/// The file is the magic `\x93NUMPY`, a major and a minor version byte, the header's length
/// (2 bytes little-endian in version 1.0, 4 in 2.0 and 3.0), then the header: a Python dictionary
/// literal of `'descr'`, `'fortran_order'` and `'shape'`, padded with spaces and ended by `\n`.
public struct NPYHeader: Equatable, Sendable {
    /// The element type.
    public let type: NPYType
    /// The extent of each axis, outermost first; empty for a scalar.
    public let shape: [Int]
    /// Where the elements start: the preamble and the header.
    public let payloadOffset: Int
    /// The number of elements: the product of the shape.
    public let count: Int
    /// The bytes of the elements: `count × type.size`.
    public let payloadBytes: Int

    /// The file's first bytes.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// The longest header read, NumPy's own default `max_header_size`, so a hostile length
    /// allocates nothing large.
    public static let maximumHeaderBytes = 10_000
    /// The longest preamble: magic, version, and a 4-byte length.
    static let longestPreamble = 12

    /// The number of bytes from the start of the file to the end of the header, from `prefix`
    /// (at least `longestPreamble` bytes, or the whole file if shorter).
    static func headerEnd(_ prefix: [UInt8], path: String) throws -> Int {
        guard prefix.starts(with: magic) else { throw DatasetError.notNPY(path: path) }
        guard prefix.count >= 10 else {
            throw DatasetError.npyHeaderTruncated(path: path, expectedBytes: 10, actualBytes: prefix.count)
        }
        let (major, minor) = (prefix[6], prefix[7])
        let lengthBytes: Int
        switch (major, minor) {
        case (1, 0): lengthBytes = 2
        case (2, 0), (3, 0): lengthBytes = 4
        default: throw DatasetError.unsupportedNPYVersion(path: path, major: major, minor: minor)
        }
        guard prefix.count >= 8 + lengthBytes else {
            throw DatasetError.npyHeaderTruncated(path: path, expectedBytes: 8 + lengthBytes, actualBytes: prefix.count)
        }
        let length = (0..<lengthBytes).reduce(0) { $0 | Int(prefix[8 + $1]) << (8 * $1) }
        guard length <= maximumHeaderBytes else {
            throw DatasetError.npyHeaderTooLong(path: path, bytes: length, limitBytes: maximumHeaderBytes)
        }
        return 8 + lengthBytes + length
    }

    /// Parses the header at the start of `bytes` (anything after it is ignored), read from `path`.
    public init(parsing bytes: [UInt8], path: String) throws {
        let end = try Self.headerEnd(bytes, path: path)
        guard bytes.count >= end else {
            throw DatasetError.npyHeaderTruncated(path: path, expectedBytes: end, actualBytes: bytes.count)
        }
        let start = bytes[6] == 1 ? 10 : 12
        let text = Array(bytes[start..<end])
        let malformed = DatasetError.malformedNPYHeader(
            path: path, header: String(decoding: text, as: UTF8.self).trimmingSpaces())
        var scanner = HeaderScanner(bytes: text)
        guard let fields = scanner.dictionary() else { throw malformed }
        guard let type = NPYType(rawValue: fields.descr) else {
            throw DatasetError.unsupportedDType(path: path, descr: fields.descr)
        }
        // A Fortran-ordered array with at most one axis longer than 1 has the same bytes in C order.
        if fields.fortranOrder && fields.shape.filter({ $0 > 1 }).count > 1 {
            throw DatasetError.fortranOrder(path: path, shape: fields.shape)
        }
        var count = 1
        for extent in fields.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw DatasetError.arraySizeOverflows(path: path, shape: fields.shape) }
            count = product
        }
        let (bytesNeeded, overflow) = count.multipliedReportingOverflow(by: type.size)
        guard !overflow else { throw DatasetError.arraySizeOverflows(path: path, shape: fields.shape) }
        self.type = type
        shape = fields.shape
        payloadOffset = end
        self.count = count
        payloadBytes = bytesNeeded
    }
}

/// Reads the dictionary literal of a `.npy` header strictly: exactly the three keys, each once,
/// in any order, and nothing after the closing brace but spaces and the final newline.
private struct HeaderScanner {
    let bytes: [UInt8]
    var index = 0

    /// The three fields, or nil if the text is anything else.
    mutating func dictionary() -> (descr: String, fortranOrder: Bool, shape: [Int])? {
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        guard take("{") else { return nil }
        while !take("}") {
            guard let key = quoted(), take(":") else { return nil }
            switch key {
            case "descr" where descr == nil: descr = quoted()
            case "fortran_order" where fortranOrder == nil: fortranOrder = boolean()
            case "shape" where shape == nil: shape = tuple()
            default: return nil
            }
            guard descr != nil || key != "descr", fortranOrder != nil || key != "fortran_order",
                shape != nil || key != "shape"
            else { return nil }
            if !take(",") {
                guard take("}") else { return nil }
                break
            }
        }
        skipSpaces()
        guard index == bytes.count || (index == bytes.count - 1 && bytes[index] == 0x0A),
            let descr, let fortranOrder, let shape
        else { return nil }
        return (descr, fortranOrder, shape)
    }

    /// Skips spaces, then consumes `character` if it is next.
    private mutating func take(_ character: Character) -> Bool {
        skipSpaces()
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    }

    /// A string in single or double quotes, without escapes.
    private mutating func quoted() -> String? {
        skipSpaces()
        guard index < bytes.count, bytes[index] == 0x27 || bytes[index] == 0x22 else { return nil }
        let quote = bytes[index]
        guard let close = bytes[(index + 1)...].firstIndex(of: quote) else { return nil }
        let text = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
        index = close + 1
        return text.contains("\\") ? nil : text
    }

    /// `True` or `False`.
    private mutating func boolean() -> Bool? {
        skipSpaces()
        for (word, value) in [("True", true), ("False", false)] where bytes[index...].starts(with: word.utf8) {
            index += word.utf8.count
            return value
        }
        return nil
    }

    /// A tuple of non-negative integers: `()`, `(3,)`, `(3, 2, 2)`, a trailing comma allowed.
    private mutating func tuple() -> [Int]? {
        guard take("(") else { return nil }
        var values: [Int] = []
        while !take(")") {
            skipSpaces()
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start, index - start <= 19,
                let value = Int(String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            values.append(value)
            if !take(",") {
                guard take(")") else { return nil }
                break
            }
        }
        return values
    }
}

extension String {
    /// The text without leading and trailing spaces and newlines, for quoting a header in a message.
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\n" { text.removeLast() }
        while let first = text.first, first == " " { text.removeFirst() }
        return String(text)
    }
}
