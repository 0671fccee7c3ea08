import CZlib
import Files
import Foundation

/// Reads a data file piece by piece, inflating it with zlib when it is gzip-compressed.
///
/// The data sets ship as `.gz`; uncompressed copies (as some mirrors unpack them) are read as
/// they are. The caller asks for the bytes it expects and no more, so a file far larger than its
/// header says (a gzip bomb: megabytes that inflate to gigabytes) is never held in memory. zlib is
/// driven directly, rather than through `gzread`, so that a stream that stops early is told apart
/// from one that ends properly: a cut-short download is an error, not a short read.
public final class GzipFile {
    /// The first two bytes of every gzip stream (RFC 1952).
    static let signature: [UInt8] = [0x1F, 0x8B]
    /// How much of the stored file is read at a time.
    static let chunkSize = 1 << 20

    /// The path, for messages.
    public let path: String
    /// The file's size on disk.
    public let storedBytes: Int
    /// Whether the file holds gzip data, inflated as it is read.
    public let isCompressed: Bool
    /// The bytes handed out so far (after inflating), for checking how far a read went.
    public private(set) var deliveredBytes = 0
    private let file: ReadableFile
    private let inflater: Inflater?
    /// Stored bytes read ahead while looking for the signature, handed out first.
    private var pending: [UInt8]

    /// Opens the regular file at `path`; a name ending in `.gz` must hold gzip data.
    public init(path: String) throws {
        do {
            file = try ReadableFile(path: path)
        } catch .notFound {
            throw DatasetError.fileNotFound(path: path)
        } catch {
            throw DatasetError.unreadableFile(path: path, reason: error.reason)
        }
        self.path = path
        storedBytes = file.size
        let first = try Self.read(file, upToCount: Self.chunkSize)
        isCompressed = first.starts(with: Self.signature)
        if path.hasSuffix(".gz") && !isCompressed {
            throw DatasetError.notGzip(path: path)
        }
        if isCompressed {
            let file = file
            inflater = try Inflater(path: path, first: first) { try Self.read(file, upToCount: Self.chunkSize) }
            pending = []
        } else {
            inflater = nil
            pending = first
        }
    }

    /// Fills `buffer` with the next bytes (inflated); fewer than it holds only at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        if let inflater {
            filled = try inflater.inflate(into: buffer)
        } else {
            filled = min(pending.count, buffer.count)
            if filled > 0 {
                pending.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<filled])) }
                pending.removeFirst(filled)
            }
            do {
                filled += try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            } catch {
                throw DatasetError.unreadableFile(path: path, reason: error.reason)
            }
        }
        deliveredBytes += filled
        return filled
    }

    /// Up to `count` next bytes; fewer only at the end.
    public func read(upToCount count: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = try read(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Inflates the gzip (or zlib) stream `compressed`, read from `path` (named in errors).
    ///
    /// Concatenated gzip members are inflated one after another, as `gunzip` does.
    public static func inflate(_ compressed: [UInt8], path: String) throws -> [UInt8] {
        var input: [UInt8]? = compressed
        let inflater = try Inflater(path: path, first: []) { input.take() ?? [] }
        var output: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: max(4 * compressed.count, 1024))
        while true {
            let count = try piece.withUnsafeMutableBytes { try inflater.inflate(into: $0) }
            output.append(contentsOf: piece[0..<count])
            if count < piece.count { return output }
        }
    }

    /// `count` bytes of `file` or fewer at its end, with the error in the data sets' terms.
    private static func read(_ file: ReadableFile, upToCount count: Int) throws -> [UInt8] {
        do {
            return try file.read(upToCount: count)
        } catch {
            throw DatasetError.unreadableFile(path: file.path, reason: error.reason)
        }
    }
}

extension GzipFile {
    /// A zlib inflate stream fed by a source of compressed pieces.
    ///
    /// The `z_stream` lives on the heap: zlib keeps a pointer back to it, so it must not move.
    final class Inflater {
        private let path: String
        private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        private let nextPiece: () throws -> [UInt8]
        private var input: [UInt8]
        private var consumed = 0
        private var compressedBytes: Int
        private var inputEnded = false
        private var memberEnded = false

        /// Starts inflating `first`, then whatever `nextPiece` returns (empty at the end).
        ///
        /// `windowBits` is zlib's: the default detects a gzip or zlib header; -15 reads raw
        /// deflate, as zip members hold.
        init(
            path: String, first: [UInt8], windowBits: Int32 = 15 + 32, nextPiece: @escaping () throws -> [UInt8]
        ) throws {
            self.path = path
            self.nextPiece = nextPiece
            input = first
            compressedBytes = first.count
            stream.initialize(to: z_stream())
            // 15 + 32: the largest window, and detect a gzip or zlib header automatically.
            guard inflateInit2_(stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw DatasetError.corruptGzip(path: path, reason: DatasetError.zlibCouldNotStart)
            }
        }

        deinit {
            inflateEnd(stream)
            stream.deallocate()
        }

        /// Fills `buffer` with inflated bytes; fewer than it holds only where the last member ends.
        func inflate(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            var produced = 0
            while produced < buffer.count {
                if consumed == input.count && !inputEnded {
                    input = try nextPiece()
                    consumed = 0
                    compressedBytes += input.count
                    inputEnded = input.isEmpty
                }
                if memberEnded {
                    if inputEnded { break }
                    // Another gzip member follows.
                    guard inflateReset(stream) == Z_OK else {
                        throw DatasetError.corruptGzip(path: path, reason: DatasetError.cannotRestartMember)
                    }
                    memberEnded = false
                }
                produced += try step(into: UnsafeMutableRawBufferPointer(rebasing: buffer[produced...]))
            }
            return produced
        }

        /// One call of zlib's `inflate` on the input left; the number of bytes it wrote.
        private func step(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let inputChunk = min(input.count - consumed, Int(UInt32.max))
            let outputChunk = min(buffer.count, Int(UInt32.max))
            let status = input.withUnsafeBufferPointer { bytes in
                // zlib never writes through next_in; the mutable pointer is only its C signature.
                stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress.map { $0 + consumed })
                stream.pointee.avail_in = UInt32(inputChunk)
                stream.pointee.next_out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(outputChunk)
                return CZlib.inflate(stream, Z_NO_FLUSH)
            }
            consumed += inputChunk - Int(stream.pointee.avail_in)
            let produced = outputChunk - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK, Z_BUF_ERROR:
                // Room left for output but no input left: the stream needs bytes the file does not have.
                if stream.pointee.avail_out > 0 && consumed == input.count && inputEnded {
                    throw DatasetError.truncatedGzip(path: path, compressedBytes: compressedBytes)
                }
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw DatasetError.corruptGzip(path: path, reason: reason)
            }
            return produced
        }
    }
}
