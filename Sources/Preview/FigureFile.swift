import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Reads a figure file for the preview: only a regular file that sits in the figure folder itself,
/// as nb writes them. A symlink (to `/etc/passwd`, say, in a cloned `Output/`), a hard link, a
/// FIFO or a device is not served, and neither is a folder that is itself a symlink: every step
/// opens without following links and checks what it opened.
enum FigureFile {
    /// The largest file served; nb's figures are far smaller.
    static let maximumBytes = 64 << 20

    /// The bytes of `file` (one name, no slash) in `directory`, or nil when it is not served.
    static func read(_ file: String, in directory: URL) -> Data? {
        let folder = open(directory.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        defer { close(folder) }
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let descriptor = openat(folder, file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1,
            status.st_size <= maximumBytes
        else { return nil }
        var data = Data(count: Int(status.st_size))
        let complete = data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Bool in
            var offset = 0
            while offset < buffer.count {
                let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[offset...])
                let count = readBytes(descriptor, rest.baseAddress, rest.count)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        return complete ? data : nil
    }
}

/// read(2), which `FigureFile.read` hides.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
