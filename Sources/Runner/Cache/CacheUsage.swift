import Files
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the cache holds, and which notebook's last run used each entry, read from the run
/// records beside it: `nb --cache-info` shows it, `nb --prune` removes the entries no last run
/// used (as `jupyter-cache clear` and `dvc gc` do).
///
/// An entry is used when a record names its key, or it is a snapshot of a lineage a record
/// names. Entries written after the newest record are kept too: a run may be writing them, and
/// its record, which will name them, is not written yet.
public struct CacheUsage: Sendable {
    /// A count of entries and their size.
    public struct Tally: Sendable, Equatable {
        /// How many entries.
        public var entries = 0
        /// Their bytes on disk.
        public var bytes: UInt64 = 0

        mutating func add(_ size: UInt64) {
            entries += 1
            bytes += size
        }
    }

    /// One notebook's last run and the entries it used.
    public struct Notebook: Sendable, Equatable {
        /// The notebook's path, as its record has it.
        public var notebook: String
        /// The record's file name in the output folder.
        public var record: String
        /// The entries its run used that are in the cache.
        public var used: Tally
    }

    /// Every entry.
    public private(set) var all = Tally()
    /// Each notebook whose record is in the output folder, by record name; an entry two
    /// notebooks used counts for both.
    public private(set) var notebooks: [Notebook] = []
    /// Entries written after the newest record, which no record names yet.
    public private(set) var recent = Tally()
    /// Entries no record names, written before the newest record: what `prune()` removes.
    public private(set) var unused = Tally()
    private var unusedFiles: [File] = []

    /// Reads the entries in `cache` and the run records (`*.json`) in `records`.
    public init(cache: CacheStore, records: URL) {
        let entries = Self.files(in: cache.directory).filter { $0.url.pathExtension == "nbc" }
        let runs = Self.files(in: records).filter { $0.url.pathExtension == "json" }.compactMap { file in
            // Through ReadableFile: a FIFO or a device named `*.json` is skipped, never waited on.
            (try? ReadableFile(path: file.url.path).readToEnd()).flatMap { try? RunRecord.decode($0) }.map {
                (file, $0)
            }
        }
        let newestRecord = runs.map(\.0.modified).max()
        var named: Set<String> = []
        for (file, record) in runs.sorted(by: { $0.0.url.lastPathComponent < $1.0.url.lastPathComponent }) {
            let keys = Self.keys(usedBy: record, cache: cache)
            named.formUnion(keys)
            var used = Tally()
            for entry in entries where keys.contains(entry.key) { used.add(entry.size) }
            notebooks.append(Notebook(notebook: record.notebook, record: file.url.lastPathComponent, used: used))
        }
        for entry in entries {
            all.add(entry.size)
            guard !named.contains(entry.key) else { continue }
            if let newestRecord, entry.modified <= newestRecord {
                unused.add(entry.size)
                unusedFiles.append(entry)
            } else {
                recent.add(entry.size)
            }
        }
    }

    /// Removes the unused entries; returns what was removed and the files that could not be, with
    /// the system's reason.
    public func prune() -> (removed: Tally, failures: [(path: String, reason: String)]) {
        var removed = Tally()
        var failures: [(path: String, reason: String)] = []
        for file in unusedFiles {
            if unlink(file.url.path) == 0 {
                removed.add(file.size)
            } else {
                failures.append((file.url.path, SystemError.reason(errno: errno)))
            }
        }
        return (removed, failures)
    }

    /// The entry keys `record`'s run used: each statement's, and the snapshots of each lineage
    /// it names, step by step from 1 while step results are stored.
    private static func keys(usedBy record: RunRecord, cache: CacheStore) -> Set<String> {
        var keys = Set(record.statements.map(\.key))
        for lineage in record.statements.compactMap(\.lineage) {
            guard let key = CacheKey(hex: lineage) else { continue }
            let snapshots = SnapshotStore(cache: cache, lineage: key)
            var step = 1
            while true {
                let stepKeys = snapshots.keys(step: step)
                guard FileManager.default.fileExists(atPath: cache.url(for: stepKeys[0]).path) else { break }
                keys.formUnion(stepKeys.map(\.description))
                step += 1
            }
        }
        return keys
    }

    /// A regular file in a folder: its URL, key (name without extension), size and modification time.
    private struct File {
        var url: URL
        var key: String
        var size: UInt64
        var modified: Date
    }

    /// The regular files in `directory` (never a FIFO or a folder); none when it cannot be read.
    private static func files(in directory: URL) -> [File] {
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        let urls =
            (try? FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]
            )) ?? []
        return urls.compactMap { url in
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else {
                return nil
            }
            return File(
                url: url, key: url.deletingPathExtension().lastPathComponent, size: UInt64(values.fileSize ?? 0),
                modified: values.contentModificationDate ?? .distantPast)
        }
    }
}

extension CacheKey {
    /// The key whose `description` is `hex`, or nil when `hex` is not 64 hex digits.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        self.init(bytes: bytes)
    }
}
