import Foundation

/// Opening or reading a file failed.
public enum FileReadError: Error, Equatable, CustomStringConvertible {
    /// Nothing is at the path.
    case notFound(path: String)
    /// The path names something other than a regular file, which nb does not read.
    case notRegular(path: String, kind: FileKind)
    /// The system refused, with its reason.
    case failed(path: String, reason: String)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .notFound(let path), .notRegular(let path, _), .failed(let path, _): path
        }
    }

    /// The reason alone, for messages that name the file themselves.
    public var reason: String {
        switch self {
        case .notFound: SystemError.reason(errno: ENOENT)
        case .notRegular(_, .directory): SystemError.reason(errno: EISDIR)
        case .notRegular(_, let kind): "it is \(Self.phrase(kind)), not a regular file"
        case .failed(_, let reason): reason
        }
    }

    /// The message.
    public var description: String {
        "could not read '\(path)': \(reason)"
    }

    /// How a message names a kind of file.
    private static func phrase(_ kind: FileKind) -> String {
        switch kind {
        case .directory: "a directory"
        case .fifo: "a named pipe (FIFO)"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .socket: "a socket"
        }
    }
}
