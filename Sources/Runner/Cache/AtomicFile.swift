import Foundation
import Notebook

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so a reader sees the old content or the new, never half of one: the data goes
/// to a temporary file in the same directory, which is then renamed over the target.
public enum AtomicFile {
    /// Writes `data` to `url`, creating the directory if needed.
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write([(data, url)])
    }

    /// Writes every file or none: each is written to a temporary file beside its target first,
    /// and only when all are on disk are they renamed into place, in order. A full disk or a
    /// failed write leaves every target as it was, so files that belong together (a run record
    /// and its report) never come from two runs. Renames need no space; only a rename that fails
    /// for another reason (or a kill between two renames) leaves the files before it replaced.
    /// The folders must exist.
    public static func write(_ files: [(data: Data, url: URL)]) throws(AtomicFileError) {
        var temporaries: [URL] = []
        defer { for temporary in temporaries { unlink(temporary.path) } }
        for (data, url) in files {
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
            do {
                try data.write(to: temporary)
            } catch {
                unlink(temporary.path)
                throw .writeFailed(path: url.path, reason: SystemError.reason(error))
            }
            temporaries.append(temporary)
        }
        for (index, (_, url)) in files.enumerated() {
            // rename(2) replaces the target in one step on the same file system.
            guard rename(temporaries[index].path, url.path) == 0 else {
                throw .renameFailed(path: url.path, reason: SystemError.reason(errno: errno))
            }
        }
        temporaries = []
    }
}

/// Writing a file failed; that file was not replaced.
public enum AtomicFileError: Error, CustomStringConvertible {
    /// The temporary file could not be written, with the system's reason.
    case writeFailed(path: String, reason: String)
    /// `rename` failed, with the system's reason.
    case renameFailed(path: String, reason: String)

    /// The system's reason alone, for messages that name the file themselves.
    public var reason: String {
        switch self {
        case .writeFailed(_, let reason), .renameFailed(_, let reason): reason
        }
    }

    /// The message.
    public var description: String {
        switch self {
        case .writeFailed(let path, let reason), .renameFailed(let path, let reason):
            "could not write '\(path)': \(reason)"
        }
    }
}

/// OS errors in nb's one wording, for modules that see Runner but not Notebook (Operations).
public typealias SystemError = Notebook.SystemError
