import Foundation

#if canImport(Glibc)
    import Glibc
    /// `read(2)`, named apart from `ReadableFile.read`.
    private let posixRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    /// `read(2)`, named apart from `ReadableFile.read`.
    private let posixRead = Darwin.read
#endif

/// nb's one way of opening a file to read: only a regular file, and never a blocking open.
///
/// A FIFO's open blocks until a writer comes, and `/dev/zero` never ends, so a path that names
/// one (or a symlink to one) would hang a run. The file is opened with `O_NONBLOCK`, which
/// returns at once for a FIFO; `fstat` on the open descriptor (not on the path, which could be
/// swapped in between) then refuses anything but a regular file, and only a regular file gets
/// its blocking mode back. Every file nb reads goes through here: notebooks, data files, their
/// digests, cache entries and checkpoints.
public final class ReadableFile {
    /// The path the file was opened at, for messages.
    public let path: String
    /// The file's status as `fstat` gave it when it was opened: size, inode and times.
    public let status: stat
    private let descriptor: Int32

    /// Opens the regular file at `path` (following symlinks), or throws why not.
    public init(path: String) throws(FileReadError) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw errno == ENOENT
                ? .notFound(path: path) : .failed(path: path, reason: SystemError.reason(errno: errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let failure = errno
            close(descriptor)
            throw .failed(path: path, reason: SystemError.reason(errno: failure))
        }
        guard let kind = FileKind(mode: status.st_mode) else {
            // Regular: reads may now block (on a slow disk) as they would without O_NONBLOCK.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
            self.path = path
            self.status = status
            self.descriptor = descriptor
            return
        }
        close(descriptor)
        throw .notRegular(path: path, kind: kind)
    }

    deinit {
        close(descriptor)
    }

    /// The file's size in bytes when it was opened.
    public var size: Int { Int(status.st_size) }

    /// Reads into `buffer` until it is full or the file ends; the number of bytes read.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileReadError) -> Int {
        var filled = 0
        while filled < buffer.count, let base = buffer.baseAddress {
            let count = posixRead(descriptor, base + filled, buffer.count - filled)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .failed(path: path, reason: SystemError.reason(errno: errno))
            }
            filled += count
        }
        return filled
    }

    /// Up to `count` bytes from the current offset; fewer only at the end of the file.
    public func read(upToCount count: Int) throws(FileReadError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(count, 0))
        let filled = try bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(FileReadError) in try read(into: buffer) }
        }.get()
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Everything from the current offset to the end of the file, read into one buffer sized
    /// from `fstat` (and grown if the file grew, or reports no size as /proc's files do).
    public func readToEnd() throws(FileReadError) -> Data {
        var data = Data(count: max(size, 0))
        var filled = 0
        while true {
            if filled == data.count { data.count += max(data.count, 1 << 16) }
            let start = filled
            filled += try data.withUnsafeMutableBytes { buffer in
                Result { () throws(FileReadError) in
                    try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
                }
            }.get()
            // `read(into:)` stops short only at the end of the file.
            if filled < data.count {
                data.count = filled
                return data
            }
        }
    }

    /// Moves the read offset to `offset` bytes from the start.
    public func seek(to offset: UInt64) throws(FileReadError) {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            throw .failed(path: path, reason: SystemError.reason(errno: errno))
        }
    }
}
