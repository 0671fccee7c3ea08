import Files
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SHA-256 of input files, remembered by path, size, modification time and inode in a small
/// JSON file beside the cache, so a re-run does not hash 50 MB of data again.
///
/// A file whose size, time or inode changed is hashed again; touching it without changing its
/// bytes gives the same digest, so its readers stay cached. A memo that cannot be read is
/// ignored (every file is hashed again), and one that cannot be written only costs time.
public final class FileDigests: @unchecked Sendable {
    // The lock guards `memo` and `changed`; hence @unchecked.
    private let lock = NSLock()
    private let memoURL: URL?
    private var memo: [String: Entry]
    private var changed = false

    /// What is remembered of one file.
    struct Entry: Codable, Equatable {
        var size: Int64
        var modified: Int64
        var modifiedNanoseconds: Int64
        var inode: UInt64
        var sha256: String
    }

    /// Digests remembered in `memo` (nil to remember nothing between runs).
    public init(memo memoURL: URL?) {
        self.memoURL = memoURL
        if let memoURL, let data = try? Data(contentsOf: memoURL),
            let stored = try? JSONDecoder().decode([String: Entry].self, from: data)
        {
            memo = stored
        } else {
            memo = [:]
        }
    }

    /// The SHA-256 of the file at `path`, hex; nil when it cannot be read.
    public func digest(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let size = Int64(info.st_size)
        let (seconds, nanoseconds) = Self.modificationTime(info)
        let inode = UInt64(info.st_ino)
        lock.lock()
        let known = memo[path]
        lock.unlock()
        if let known, known.size == size, known.modified == seconds, known.modifiedNanoseconds == nanoseconds,
            known.inode == inode
        {
            return known.sha256
        }
        guard let digest = Self.hash(fileAt: path) else { return nil }
        let entry = Entry(
            size: size, modified: seconds, modifiedNanoseconds: nanoseconds, inode: inode, sha256: digest)
        lock.lock()
        memo[path] = entry
        changed = true
        lock.unlock()
        return digest
    }

    /// Writes the memo if a digest was added; a failure only means hashing again next time.
    public func save() {
        lock.lock()
        defer { lock.unlock() }
        guard changed, let memoURL, let data = try? JSONEncoder().encode(memo) else { return }
        if (try? AtomicFile.write(data, to: memoURL)) != nil { changed = false }
    }

    /// The SHA-256 of a file's bytes, read in 1 MiB pieces.
    static func hash(fileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
                hasher.update(piece)
            }
        } catch {
            return nil
        }
        return CacheKey(bytes: hasher.finalize()).description
    }

    private static func modificationTime(_ info: stat) -> (Int64, Int64) {
        #if canImport(Darwin)
            (Int64(info.st_mtimespec.tv_sec), Int64(info.st_mtimespec.tv_nsec))
        #else
            (Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec))
        #endif
    }
}
