import Foundation

/// Cache entries as files under one directory (the CLI's is `Output/.cache/`), one per key.
///
/// An entry file is: the 8-byte magic `NBCACHE` plus a format byte, the header and payload
/// lengths and the checksum of header and payload (8 bytes each, little-endian), the JSON
/// header, then the payload. Anything that does not check out (a truncated file, an older
/// format, a checksum mismatch) is reported as unusable, never trusted.
public struct CacheStore: Sendable {
    /// The directory entries live in.
    public let directory: URL

    /// The entry file layout version; bump when the layout changes.
    static let format: UInt8 = 2
    private static let magic = Array("NBCACHE".utf8)
    private static let prefixLength = 8 + 8 + 8 + 8

    /// Creates a store in `directory`, made on first write.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The outcome of looking up a key.
    public enum Lookup: Sendable {
        /// No entry.
        case miss
        /// A complete, checked entry.
        case hit(CacheEntry)
        /// An entry that exists but cannot be used; `reason` says why, for a warning.
        case unusable(reason: String)
    }

    /// The file of `key`'s entry.
    public func url(for key: CacheKey) -> URL {
        directory.appendingPathComponent("\(key).nbc")
    }

    /// Reads and checks `key`'s entry.
    public func load(_ key: CacheKey) -> Lookup {
        let url = url(for: key)
        guard FileManager.default.fileExists(atPath: url.path) else { return .miss }
        guard let data = try? Data(contentsOf: url) else { return .unusable(reason: "it cannot be read") }
        return Self.decode(data, key: key)
    }

    /// Writes `entry` for `key` atomically.
    public func store(_ entry: CacheEntry, for key: CacheKey) throws {
        try AtomicFile.write(try Self.encode(entry, key: key), to: url(for: key))
    }

    static func encode(_ entry: CacheEntry, key: CacheKey) throws -> Data {
        var header = EntryHeader(key: key.description, display: entry.display)
        var payload = Data()
        switch entry.payload {
        case .scalar(let value)?: header.scalar = StoredScalar(value)
        case .domain(let format, let bytes)?:
            header.domainFormat = format
            payload = bytes
        case nil: break
        }
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let headerData = try encoder.encode(header)
        var data = Data(magic + [format])
        data.append(contentsOf: littleEndian(UInt64(headerData.count)))
        data.append(contentsOf: littleEndian(UInt64(payload.count)))
        data.append(contentsOf: littleEndian(Checksum.of(headerData + payload)))
        data.append(headerData)
        data.append(payload)
        return data
    }

    static func decode(_ data: Data, key: CacheKey) -> Lookup {
        let bytes = [UInt8](data.prefix(prefixLength))
        guard bytes.count >= 8, Array(bytes[0..<7]) == magic else {
            return .unusable(reason: "it is not an nb cache entry")
        }
        guard bytes[7] == format else {
            return .unusable(reason: "it is in cache format \(bytes[7]); this nb reads format \(format)")
        }
        guard bytes.count == prefixLength else {
            return .unusable(reason: "it is truncated (\(data.count) bytes)")
        }
        let headerLength = readLittleEndian(bytes[8..<16])
        let payloadLength = readLittleEndian(bytes[16..<24])
        let expected = UInt64(prefixLength).addingReportingOverflow(headerLength)
        let total = expected.partialValue.addingReportingOverflow(payloadLength)
        guard !expected.overflow, !total.overflow, UInt64(data.count) == total.partialValue else {
            return .unusable(reason: "it is truncated or padded (\(data.count) bytes, expected \(total.partialValue))")
        }
        let body = data.dropFirst(prefixLength)
        guard Checksum.of(Data(body)) == readLittleEndian(bytes[24..<32]) else {
            return .unusable(reason: "its checksum does not match (the file is corrupted)")
        }
        let headerData = body.prefix(Int(headerLength))
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let header = try? decoder.decode(EntryHeader.self, from: Data(headerData)) else {
            return .unusable(reason: "its header cannot be read")
        }
        guard header.key == key.description else { return .unusable(reason: "it belongs to another key") }
        var payload: CachePayload?
        if let scalar = header.scalar { payload = .scalar(scalar.value) }
        if let domainFormat = header.domainFormat {
            payload = .domain(formatVersion: domainFormat, bytes: Data(body.dropFirst(Int(headerLength))))
        }
        return .hit(CacheEntry(display: header.display, payload: payload))
    }

    private static func littleEndian(_ number: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * UInt64($0))) }
    }

    private static func readLittleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
