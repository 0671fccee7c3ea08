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
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            // rename(2) replaces the target in one step on the same file system.
            guard rename(temporary.path, url.path) == 0 else {
                throw AtomicFileError.renameFailed(path: url.path, reason: SystemError.reason(errno: errno))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// Writing a file failed at the final rename.
public enum AtomicFileError: Error, CustomStringConvertible {
    /// `rename` failed, with the system's reason.
    case renameFailed(path: String, reason: String)

    /// The message.
    public var description: String {
        switch self {
        case .renameFailed(let path, let reason): "could not write '\(path)': \(reason)"
        }
    }
}

/// OS errors in nb's one wording, for modules that see Runner but not Notebook (Operations).
public typealias SystemError = Notebook.SystemError
