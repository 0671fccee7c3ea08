import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a watched file looked like at one moment: size, modification time and inode, or absent.
/// Polling these every quarter second sees a save, an editor's rename-over, and a data file
/// replaced, without reading a byte.
public struct FileStamps: Equatable, Sendable {
    private struct Stamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    private var stamps: [String: Stamp?]

    /// The files' stamps now.
    public init(paths: [String]) {
        var stamps: [String: Stamp?] = [:]
        for path in paths { stamps[path] = Self.stamp(path) }
        self.stamps = stamps
    }

    /// These stamps, plus the current stamps of `paths` not stamped yet.
    public func adding(_ paths: [String]) -> FileStamps {
        var grown = self
        for path in paths where grown.stamps[path] == nil { grown.stamps[path] = Self.stamp(path) }
        return grown
    }

    /// The paths watched.
    public var paths: [String] { stamps.keys.sorted() }

    /// The paths whose stamp differs from `earlier`'s (or that only one of them watches).
    public func changed(since earlier: FileStamps) -> [String] {
        Set(stamps.keys).union(earlier.stamps.keys).sorted().filter { stamps[$0] != earlier.stamps[$0] }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Stamp(
            size: Int64(info.st_size), seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec),
            inode: UInt64(info.st_ino))
    }
}
