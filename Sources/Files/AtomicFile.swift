import Foundation

#if canImport(Glibc)
    import Glibc
    /// `write(2)`, named apart from `AtomicFile.write`.
    private let posixWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    /// `write(2)`, named apart from `AtomicFile.write`.
    private let posixWrite = Darwin.write
#endif

/// nb's one way of writing a file: a reader sees the old content or the new, never half of one.
/// The data goes to a temporary file in the same directory, which is then renamed over the
/// target (rename(2) replaces it in one step on the same file system).
///
/// Every file nb writes goes through here: cache entries, checkpoints, figures, the report and
/// its record. `durable` writes also reach the disk before the rename (fsync of the file, then
/// of its folder), for the files whose loss would cost a retrain: cache entries holding a
/// trained model and saved checkpoints. Without it, a power cut may lose the newest version of
/// a file, but never leaves a torn one.
public enum AtomicFile {
    /// Writes `data` to `url`, creating the directory if needed; a folder that cannot be made
    /// throws Foundation's error.
    public static func write(_ data: Data, to url: URL, durable: Bool = false) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write([(data, url)], durable: durable)
    }

    /// Writes every file or none: each is written to a temporary file beside its target first,
    /// and only when all are on disk are they renamed into place, in order. A full disk or a
    /// failed write leaves every target as it was, so files that belong together (a run record
    /// and its report) never come from two runs. Renames need no space; only a rename that fails
    /// for another reason (or a kill between two renames) leaves the files before it replaced.
    /// The folders must exist.
    public static func write(_ files: [(data: Data, url: URL)], durable: Bool = false) throws(AtomicFileError) {
        var temporaries: [URL] = []
        defer { for temporary in temporaries { unlink(temporary.path) } }
        for (data, url) in files {
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
            let failure = writeWhole(data, to: temporary.path, durable: durable)
            guard failure == 0 else {
                unlink(temporary.path)
                throw .writeFailed(path: url.path, code: failure)
            }
            temporaries.append(temporary)
        }
        for (index, (_, url)) in files.enumerated() {
            guard rename(temporaries[index].path, url.path) == 0 else {
                throw .renameFailed(path: url.path, code: errno)
            }
        }
        temporaries = []
        if durable {
            // The renames are entries in the folders: they reach the disk with the folders' fsync.
            for folder in Set(files.map { $0.url.deletingLastPathComponent().path }) { syncFolder(folder) }
        }
    }

    /// Creates `path` (which must not exist), writes all of `data` and closes it, with an fsync
    /// first when `durable`; 0, or the errno of the first failure.
    private static func writeWhole(_ data: Data, to path: String, durable: Bool) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count, let base = buffer.baseAddress {
                let count = posixWrite(descriptor, base + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if failure == 0, durable, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        return failure
    }

    /// Flushes a folder's entries; a folder that cannot be opened is left to the system, since
    /// the files themselves are already on disk.
    private static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
