import Files
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SHA-256 of input files, remembered by path with the file's size, inode, and modification
/// and status-change times to the nanosecond, in a small JSON file beside the cache, so a re-run
/// does not hash 50 MB of data again.
///
/// A file whose size, inode or either time changed is hashed again; touching it without changing
/// its bytes gives the same digest, so its readers stay cached. Restoring a modification time
/// (`cp -p`, `touch -r`) still moves the status-change time, which user code cannot set. A rewrite
/// within one tick of the file system's clock moves neither, so, as git does for its index
/// ("racily clean" entries, Documentation/technical/racy-git.txt), a digest is trusted only for a
/// file whose times are older than the moment it was hashed by more than `racyWindow`; a file
/// changed just before or during hashing is hashed again next time. A memo that cannot be read is
/// ignored (every file is hashed again), and one that cannot be written only costs time.
public final class FileDigests: @unchecked Sendable {
    // The lock guards `memo`, `changed` and `hashCount`; hence @unchecked.
    private let lock = NSLock()
    private let memoURL: URL?
    private let clock: @Sendable () -> Int64
    private var memo: [String: Entry]
    private var changed = false
    /// How many files were hashed, for tests of the memo.
    private(set) var hashCount = 0

    /// How close to its hashing a file's times make its digest untrusted: two seconds, the
    /// coarsest timestamp granularity nb may meet (FAT), well above Linux's clock tick.
    static let racyWindow: Int64 = 2_000_000_000

    /// What is remembered of one file; times are nanoseconds since 1970.
    struct Entry: Codable, Equatable {
        var stamp: Stamp
        /// When hashing started, by the system clock.
        var hashed: Int64
        var sha256: String

        /// Whether the file's times are far enough before its hashing that a rewrite in the same
        /// clock tick as the stamp would have shown in them.
        var isSettled: Bool {
            max(stamp.modified, stamp.statusChanged) < hashed - FileDigests.racyWindow
        }
    }

    /// The status fields a change to a file moves.
    struct Stamp: Codable, Equatable {
        var size: Int64
        var inode: UInt64
        var modified: Int64
        var statusChanged: Int64

        init(_ info: stat) {
            size = Int64(info.st_size)
            inode = UInt64(info.st_ino)
            #if canImport(Darwin)
                modified = Self.nanoseconds(info.st_mtimespec)
                statusChanged = Self.nanoseconds(info.st_ctimespec)
            #else
                modified = Self.nanoseconds(info.st_mtim)
                statusChanged = Self.nanoseconds(info.st_ctim)
            #endif
        }

        static func nanoseconds(_ time: timespec) -> Int64 {
            Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
        }
    }

    /// Digests remembered in `memo` (nil to remember nothing between runs).
    public convenience init(memo memoURL: URL?) {
        self.init(memo: memoURL, clock: Self.now)
    }

    /// Digests remembered in `memo`, with `clock` giving the time hashing starts (tests move it).
    init(memo memoURL: URL?, clock: @escaping @Sendable () -> Int64) {
        self.memoURL = memoURL
        self.clock = clock
        if let memoURL, let data = try? ReadableFile(path: memoURL.path).readToEnd(),
            let stored = try? JSONDecoder().decode([String: Entry].self, from: data)
        {
            memo = stored
        } else {
            memo = [:]
        }
    }

    /// The SHA-256 of the file at `path`, hex; nil when it cannot be read or is not a regular file.
    public func digest(of path: String) -> String? {
        guard let file = try? ReadableFile(path: path) else { return nil }
        let stamp = Stamp(file.status)
        lock.lock()
        let known = memo[path]
        lock.unlock()
        if let known, known.stamp == stamp, known.isSettled {
            return known.sha256
        }
        let hashed = clock()
        guard let digest = Self.hash(file) else { return nil }
        lock.lock()
        memo[path] = Entry(stamp: stamp, hashed: hashed, sha256: digest)
        changed = true
        hashCount += 1
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

    /// The SHA-256 of an open file's bytes, read in 1 MiB pieces.
    static func hash(_ file: ReadableFile) -> String? {
        var hasher = SHA256()
        do {
            while true {
                let piece = try file.read(upToCount: 1 << 20)
                if piece.isEmpty { break }
                hasher.update(piece)
            }
        } catch {
            return nil
        }
        return CacheKey(bytes: hasher.finalize()).description
    }

    /// The system clock in nanoseconds since 1970, the epoch of file times.
    @Sendable static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Stamp.nanoseconds(time)
    }
}
