import Files
import Foundation
import Notebook

/// Cache entries as files under one directory (the CLI's is `Output/.cache/`), one per key.
///
/// An entry file is: the 8-byte magic `NBCACHE` plus a format byte; the header length, payload
/// length, header checksum and payload checksum (8 bytes each, little-endian); the JSON header;
/// then the payload. A lookup reads only the prefix and header, so a re-run whose results are
/// all cached never reads a model's bytes; the payload is read and checked when a value is
/// needed. Anything that does not check out (a truncated file, an older format, a checksum
/// mismatch) is reported as unusable, never trusted.
public struct CacheStore: Sendable {
    /// The directory entries live in.
    public let directory: URL

    /// The entry file layout version; bump when the layout changes.
    static let format: UInt8 = 3
    private static let magic = Array("NBCACHE".utf8)
    private static let prefixLength = 8 + 4 * 8

    /// Creates a store in `directory`, made on first write.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The outcome of looking up a key.
    public enum Lookup: Sendable {
        /// No entry.
        case miss
        /// An entry whose header checked out.
        case hit(CacheEntry)
        /// An entry that exists but cannot be used; `reason` says why, for a warning.
        case unusable(reason: String)
    }

    /// The file of `key`'s entry.
    public func url(for key: CacheKey) -> URL {
        directory.appendingPathComponent("\(key).nbc")
    }

    /// Reads and checks `key`'s entry header; a domain payload is left on disk for
    /// `readPayload(for:)`.
    public func load(_ key: CacheKey) -> Lookup {
        let url = url(for: key)
        guard FileManager.default.fileExists(atPath: url.path) else { return .miss }
        do {
            let file = try EntryFile(url: url)
            let header = try file.header(key: key)
            var payload: CachePayload?
            if let scalar = header.scalar { payload = .scalar(scalar.value) }
            if let domainFormat = header.domainFormat { payload = .domainOnDisk(formatVersion: domainFormat) }
            return .hit(CacheEntry(display: header.display, payload: payload))
        } catch {
            return .unusable(reason: "\(error)")
        }
    }

    /// Reads and checks the payload of `key`'s entry.
    public func readPayload(for key: CacheKey) throws -> Data {
        try EntryFile(url: url(for: key)).payload()
    }

    /// Writes `entry` for `key` atomically, and durably (fsync) when it holds a domain payload.
    public func store(_ entry: CacheEntry, for key: CacheKey) throws {
        var header = EntryHeader(key: key.description, display: entry.display)
        var payload = Data()
        switch entry.payload {
        case .scalar(let value)?: header.scalar = StoredScalar(value)
        case .domain(let format, let bytes)?:
            header.domainFormat = format
            payload = bytes
        case .domainOnDisk?, nil: break
        }
        let headerData = try RecordJSON.encoder().encode(header)
        var data = Data(Self.magic + [Self.format])
        for field in [
            UInt64(headerData.count), UInt64(payload.count), Checksum.of(headerData), Checksum.of(payload),
        ] {
            data.append(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: field >> (8 * UInt64($0))) })
        }
        data.append(headerData)
        data.append(payload)
        // A domain payload is a trained model or its optimiser state: losing it costs a retrain.
        try AtomicFile.write(data, to: url(for: key), durable: !payload.isEmpty)
    }

    /// An open entry file whose prefix has been read and checked against its size.
    ///
    /// It is opened through `ReadableFile`: an entry that is a FIFO or a folder is unusable, not a hang.
    private struct EntryFile {
        let file: ReadableFile
        let headerLength: UInt64
        let payloadLength: UInt64
        let headerChecksum: UInt64
        let payloadChecksum: UInt64

        init(url: URL) throws {
            do {
                file = try ReadableFile(path: url.path)
            } catch {
                throw CacheEntryError.unreadable(reason: error.reason)
            }
            let size = UInt64(file.size)
            let prefix = try Self.read(file, upToCount: CacheStore.prefixLength)
            guard prefix.count >= 8, Array(prefix[0..<7]) == CacheStore.magic else {
                throw CacheEntryError.notAnEntry
            }
            guard prefix[7] == CacheStore.format else {
                throw CacheEntryError.otherFormat(prefix[7], current: CacheStore.format)
            }
            guard prefix.count == CacheStore.prefixLength else {
                throw CacheEntryError.truncated(size: size, expected: nil)
            }
            func field(_ index: Int) -> UInt64 {
                prefix[(8 + 8 * index)..<(16 + 8 * index)].reversed().reduce(0) { ($0 << 8) | UInt64($1) }
            }
            (headerLength, payloadLength, headerChecksum, payloadChecksum) = (field(0), field(1), field(2), field(3))
            let withHeader = UInt64(CacheStore.prefixLength).addingReportingOverflow(headerLength)
            let total = withHeader.partialValue.addingReportingOverflow(payloadLength)
            guard !withHeader.overflow, !total.overflow, size == total.partialValue else {
                throw CacheEntryError.truncated(size: size, expected: withHeader.overflow ? nil : total.partialValue)
            }
        }

        /// The header, checked against its checksum and the key it should belong to.
        func header(key: CacheKey) throws -> EntryHeader {
            let data = Data(try Self.read(file, upToCount: Int(headerLength)))
            guard data.count == headerLength, Checksum.of(data) == headerChecksum else {
                throw CacheEntryError.checksumMismatch(part: "header")
            }
            let header: EntryHeader
            do {
                header = try RecordJSON.decoder().decode(EntryHeader.self, from: data)
            } catch {
                throw CacheEntryError.unreadableHeader(reason: "\(error)")
            }
            guard header.key == key.description else { throw CacheEntryError.otherKey }
            return header
        }

        /// The payload, checked against its checksum.
        func payload() throws -> Data {
            do {
                try file.seek(to: UInt64(CacheStore.prefixLength) + headerLength)
            } catch {
                throw CacheEntryError.unreadable(reason: error.reason)
            }
            let data = Data(try Self.read(file, upToCount: Int(payloadLength)))
            guard data.count == payloadLength, Checksum.of(data) == payloadChecksum else {
                throw CacheEntryError.checksumMismatch(part: "stored value")
            }
            return data
        }

        /// Up to `count` bytes, with a failure as the entry's error.
        private static func read(_ file: ReadableFile, upToCount count: Int) throws -> [UInt8] {
            do {
                return try file.read(upToCount: count)
            } catch {
                throw CacheEntryError.unreadable(reason: error.reason)
            }
        }
    }
}
