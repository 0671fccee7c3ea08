import CZlib
import Foundation

/// Reads a whole file into memory, inflating it with zlib when it is gzip-compressed.
///
/// The data sets ship as `.gz`; uncompressed copies (as some mirrors unpack them) are read as
/// they are. Inflating in memory, rather than through `gzread`, lets a stream that stops early
/// be told apart from one that ends properly, so a cut-short download is an error, not a short read.
public enum GzipFile {
    /// The first two bytes of every gzip stream (RFC 1952).
    static let signature: [UInt8] = [0x1F, 0x8B]

    /// The contents of the file at `path`, inflated if it is gzip-compressed.
    ///
    /// Data starting with the gzip signature is inflated, anything else is returned as stored;
    /// a name ending in `.gz` must hold gzip data.
    public static func read(path: String) throws -> [UInt8] {
        let contents = try readFile(path: path)
        let isGzip = contents.starts(with: signature)
        if path.hasSuffix(".gz") && !isGzip {
            throw DatasetError.notGzip(path: path)
        }
        return isGzip ? try inflate(contents, path: path) : contents
    }

    /// The raw bytes of the file at `path`.
    static func readFile(path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else {
            throw DatasetError.unreadableFile(path: path, reason: "it is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DatasetError.unreadableFile(path: path, reason: "it cannot be opened")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            // strerror's text, nb's one wording of OS errors (Notebook's SystemError, which this module cannot see).
            let posix = error as NSError
            let reason =
                posix.domain == NSPOSIXErrorDomain
                ? String(cString: strerror(Int32(posix.code))) : posix.localizedDescription
            throw DatasetError.unreadableFile(path: path, reason: reason)
        }
    }

    /// Inflates the gzip (or zlib) stream `compressed`, read from `path` (named in errors).
    ///
    /// Concatenated gzip members are inflated one after another, as `gunzip` does.
    public static func inflate(_ compressed: [UInt8], path: String) throws -> [UInt8] {
        var stream = z_stream()
        // 15 + 32: the largest window, and detect a gzip or zlib header automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError.corruptGzip(path: path, reason: "zlib could not start (out of memory?)")
        }
        defer { inflateEnd(&stream) }

        var output = [UInt8](repeating: 0, count: initialCapacity(for: compressed))
        var produced = 0
        var consumed = 0
        while true {
            if produced == output.count {
                output.append(contentsOf: repeatElement(0, count: output.count))
            }
            let inputChunk = min(compressed.count - consumed, Int(UInt32.max))
            let outputChunk = min(output.count - produced, Int(UInt32.max))
            let status = compressed.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    // zlib never writes through next_in; the mutable pointer is only its C signature.
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + consumed })
                    stream.avail_in = UInt32(inputChunk)
                    stream.next_out = out.baseAddress.map { $0 + produced }
                    stream.avail_out = UInt32(outputChunk)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
            }
            consumed += inputChunk - Int(stream.avail_in)
            produced += outputChunk - Int(stream.avail_out)

            switch status {
            case Z_STREAM_END where consumed == compressed.count:
                output.removeLast(output.count - produced)
                return output
            case Z_STREAM_END:
                // Another gzip member follows.
                guard inflateReset(&stream) == Z_OK else {
                    throw DatasetError.corruptGzip(path: path, reason: "cannot restart after a gzip member")
                }
            case Z_OK, Z_BUF_ERROR:
                // Room left for output but no input left: the stream needs bytes the file does not have.
                if stream.avail_out > 0 && consumed == compressed.count {
                    throw DatasetError.truncatedGzip(path: path, compressedBytes: compressed.count)
                }
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw DatasetError.corruptGzip(path: path, reason: reason)
            }
        }
    }

    /// A first guess at the inflated size: the gzip trailer's ISIZE (the length mod 2³²).
    ///
    /// The guess is trusted only up to 16 times the compressed size (MNIST inflates about 5 times),
    /// so the garbage trailer of a truncated file cannot ask for gigabytes; the buffer doubles
    /// as needed beyond it.
    private static func initialCapacity(for compressed: [UInt8]) -> Int {
        let fallback = max(4 * compressed.count, 1024)
        guard compressed.count >= 18 else { return fallback }
        let trailer = compressed[(compressed.count - 4)...]
        let size = trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
        return (1...(16 * compressed.count)).contains(size) ? size : fallback
    }
}
