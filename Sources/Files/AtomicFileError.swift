/// Writing a file failed; that file was not replaced.
public enum AtomicFileError: Error, CustomStringConvertible, Equatable {
    /// The temporary file could not be written, with the POSIX error code.
    case writeFailed(path: String, code: Int32)
    /// `rename` failed, with the POSIX error code.
    case renameFailed(path: String, code: Int32)

    /// The POSIX error code.
    public var code: Int32 {
        switch self {
        case .writeFailed(_, let code), .renameFailed(_, let code): code
        }
    }

    /// The system's reason alone, for messages that name the file themselves.
    public var reason: String { SystemError.reason(errno: code) }

    /// The message.
    public var description: String {
        switch self {
        case .writeFailed(let path, _), .renameFailed(let path, _): "could not write '\(path)': \(reason)"
        }
    }
}
