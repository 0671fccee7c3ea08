import Files
import Foundation

/// The members of a zip archive, as `.npz` files are (NumPy's `np.savez` writes them stored,
/// `np.savez_compressed` deflated), read with the zlib nb already links.
///
/// Hand-written rather than a zip package: a `.npz` needs the central directory, the local
/// headers and raw deflate, and every read here is bounded. A member's declared size is checked
/// against the memory budget and against deflate's maximum ratio before anything is inflated,
/// and inflating stops one byte past it, so a decompression bomb costs nothing.
/// (PKWARE's APPNOTE.TXT: sections 4.3.7 local header, 4.3.12 central directory, 4.3.16 end record,
/// 4.5.3 zip64 extra field.)
final class ZipArchive {
    /// One member as the central directory lists it.
    struct Member {
        let name: String
        let method: Int
        let encrypted: Bool
        let compressedBytes: Int
        let uncompressedBytes: Int
        let localHeaderOffset: Int
    }

    /// The path, for messages.
    let path: String
    /// The members, in the order the central directory lists them.
    private(set) var members: [Member] = []
    private let size: Int
    private let readAt: (Int, Int) throws -> [UInt8]

    /// Opens the archive at `path` and reads its central directory.
    convenience init(path: String) throws {
        let file = try NPYReader.open(path)
        try self.init(path: path, size: file.size) { offset, count in
            try NPYReader.readBytes(file, at: offset, count: count)
        }
    }

    /// An archive held in `bytes` (for the fuzzer), read as if from `path`.
    convenience init(bytes: [UInt8], path: String) throws {
        try self.init(path: path, size: bytes.count) { offset, count in
            Array(bytes[min(offset, bytes.count)..<min(offset + count, bytes.count)])
        }
    }

    private init(path: String, size: Int, readAt: @escaping (Int, Int) throws -> [UInt8]) throws {
        self.path = path
        self.size = size
        self.readAt = readAt
        let (directoryOffset, directoryBytes) = try findCentralDirectory()
        let directory = try read(at: directoryOffset, count: directoryBytes)
        var offset = 0
        while offset < directory.count {
            let (member, next) = try parseEntry(directory, at: offset, base: directoryOffset)
            members.append(member)
            offset = next
        }
    }

    /// The member named `name`.
    func member(named name: String) -> Member? { members.first { $0.name == name } }

    /// Up to `limit` bytes from the start of `member`, uncompressed: a header without the rest.
    func prefix(of member: Member, limit: Int) throws -> [UInt8] {
        try contents(of: member, count: min(limit, member.uncompressedBytes)).bytes
    }

    /// The whole of `member`, uncompressed, once its declared size is checked.
    func contents(of member: Member, memoryBudget: Int) throws -> [UInt8] {
        let declared = member.uncompressedBytes
        guard declared <= memoryBudget else {
            throw DatasetError.zipMemberOverBudget(
                path: path, member: member.name, declaredBytes: declared, budgetBytes: memoryBudget)
        }
        let (limit, overflow) = member.compressedBytes.multipliedReportingOverflow(by: IDXReader.maximumDeflateRatio)
        if member.method == 8, !overflow, declared > limit {
            throw DatasetError.zipMemberImpossible(
                path: path, member: member.name, declaredBytes: declared, compressedBytes: member.compressedBytes)
        }
        let (bytes, more) = try contents(of: member, count: declared)
        guard bytes.count == declared, !more else {
            throw DatasetError.zipMemberSizeMismatch(
                path: path, member: member.name, declaredBytes: declared, longer: more)
        }
        return bytes
    }

    /// The first `count` uncompressed bytes of `member`, and whether more follow.
    private func contents(of member: Member, count: Int) throws -> (bytes: [UInt8], more: Bool) {
        guard !member.encrypted, member.method == 0 || member.method == 8 else {
            throw DatasetError.unsupportedZipMethod(path: path, member: member.name, method: member.method)
        }
        let local = try read(at: member.localHeaderOffset, count: 30)
        guard word(local, 0) == 0x0403_4B50 else {
            throw DatasetError.malformedZip(path: path, offset: member.localHeaderOffset)
        }
        let start = member.localHeaderOffset + 30 + half(local, 26) + half(local, 28)
        guard start <= size - member.compressedBytes else {
            throw DatasetError.malformedZip(path: path, offset: member.localHeaderOffset)
        }
        if member.method == 0 {
            let bytes = try read(at: start, count: min(count, member.compressedBytes))
            return (bytes, member.compressedBytes > count)
        }
        return try inflate(member, from: start, count: count)
    }

    /// Inflates `member`'s raw deflate data at `start` into `count` bytes, plus one to tell more follow.
    private func inflate(_ member: Member, from start: Int, count: Int) throws -> (bytes: [UInt8], more: Bool) {
        var offset = start
        let end = start + member.compressedBytes
        let inflater: GzipFile.Inflater
        do {
            inflater = try GzipFile.Inflater(path: path, first: [], windowBits: -15) { [self] in
                let piece = try read(at: offset, count: min(GzipFile.chunkSize, end - offset))
                offset += piece.count
                return piece
            }
            var bytes = [UInt8](repeating: 0, count: count + 1)
            let produced = try bytes.withUnsafeMutableBytes { try inflater.inflate(into: $0) }
            bytes.removeLast(bytes.count - produced)
            let more = bytes.count > count
            if more { bytes.removeLast() }
            return (bytes, more)
        } catch DatasetError.corruptGzip(_, let reason) {
            throw DatasetError.corruptZipMember(path: path, member: member.name, reason: reason)
        } catch DatasetError.truncatedGzip {
            throw DatasetError.zipMemberSizeMismatch(
                path: path, member: member.name, declaredBytes: member.uncompressedBytes, longer: false)
        }
    }

    /// The offset and length of the central directory, from the end record (zip64's if present).
    private func findCentralDirectory() throws -> (Int, Int) {
        let tailStart = max(0, size - (22 + 0xFFFF))
        let tail = try read(at: tailStart, count: size - tailStart)
        guard tail.count >= 22,
            let at = stride(from: tail.count - 22, through: 0, by: -1).first(where: { word(tail, $0) == 0x0605_4B50 })
        else { throw DatasetError.notZip(path: path) }
        var directoryBytes = word(tail, at + 12)
        var directoryOffset = word(tail, at + 16)
        if directoryOffset == 0xFFFF_FFFF || directoryBytes == 0xFFFF_FFFF {
            // The zip64 locator sits just before the end record and points at the zip64 end record.
            guard at >= 20, word(tail, at - 20) == 0x0706_4B50 else {
                throw DatasetError.malformedZip(path: path, offset: tailStart + at)
            }
            let recordOffset = long(tail, at - 12)
            let record = try read(at: recordOffset, count: 56)
            guard word(record, 0) == 0x0606_4B50 else {
                throw DatasetError.malformedZip(path: path, offset: recordOffset)
            }
            directoryBytes = long(record, 40)
            directoryOffset = long(record, 48)
        }
        guard directoryOffset <= size, directoryBytes <= size - directoryOffset else {
            throw DatasetError.malformedZip(path: path, offset: tailStart + at)
        }
        return (directoryOffset, directoryBytes)
    }

    /// The central directory entry at `offset` of `directory` (which starts at `base` in the file),
    /// and where the next one starts.
    private func parseEntry(_ directory: [UInt8], at offset: Int, base: Int) throws -> (Member, Int) {
        let malformed = DatasetError.malformedZip(path: path, offset: base + offset)
        guard offset + 46 <= directory.count, word(directory, offset) == 0x0201_4B50 else { throw malformed }
        let nameLength = half(directory, offset + 28)
        let extraLength = half(directory, offset + 30)
        let next = offset + 46 + nameLength + extraLength + half(directory, offset + 32)
        guard next <= directory.count else { throw malformed }
        var sizes = [word(directory, offset + 24), word(directory, offset + 20), word(directory, offset + 42)]
        // Zip64: each 32-bit field that is all ones is in the extra field instead, in this order.
        var extra = offset + 46 + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let (id, length) = (half(directory, extra), half(directory, extra + 2))
            if id == 1 {
                var field = extra + 4
                for index in sizes.indices where sizes[index] == 0xFFFF_FFFF {
                    guard field + 8 <= min(extra + 4 + length, extraEnd) else { throw malformed }
                    sizes[index] = long(directory, field)
                    field += 8
                }
            }
            extra += 4 + length
        }
        let name = String(decoding: directory[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
        let member = Member(
            name: name, method: half(directory, offset + 10), encrypted: half(directory, offset + 8) & 1 != 0,
            compressedBytes: sizes[1], uncompressedBytes: sizes[0], localHeaderOffset: sizes[2])
        guard member.localHeaderOffset <= size - 30, member.compressedBytes <= size else { throw malformed }
        return (member, next)
    }

    /// Exactly `count` bytes at `offset`.
    private func read(at offset: Int, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, count <= size - offset else {
            throw DatasetError.malformedZip(path: path, offset: offset)
        }
        let bytes = try readAt(offset, count)
        guard bytes.count == count else { throw DatasetError.malformedZip(path: path, offset: offset) }
        return bytes
    }

    private func half(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private func word(_ bytes: [UInt8], _ at: Int) -> Int { half(bytes, at) | half(bytes, at + 2) << 16 }
    /// A 64-bit field, clamped so that a hostile one is just too large rather than negative.
    private func long(_ bytes: [UInt8], _ at: Int) -> Int {
        let value = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        return Int(clamping: value)
    }
}
