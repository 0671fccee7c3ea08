import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one wording of operating-system errors that nb shows: the C library's `strerror` text
/// for the error's `errno` (`No space left on device`, `Permission denied`), never Foundation's
/// `Error Domain=NSCocoaErrorDomain Code=642 …`.
///
/// Every module that reports a failed read or write goes through `reason(_:)` or
/// `reason(errno:)`, so a full disk reads the same everywhere; `AtomicFile` and `ReadableFile`
/// carry the code itself, so advice can follow the cause.
public enum SystemError {
    /// The plain reason for `error`: its POSIX code's text, or Foundation's file-error code
    /// mapped to the POSIX code it stands for.
    public static func reason(_ error: any Error) -> String {
        let bridged = error as NSError
        if let code = code(of: bridged) { return reason(errno: code) }
        // Foundation's own errors have a sentence; nb's error enums have their description.
        if error is CocoaError || type(of: error) is NSError.Type { return bridged.localizedDescription }
        return String(describing: error)
    }

    /// The text for a POSIX error code, as `strerror` gives it.
    public static func reason(errno code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// What a failed write calls for, by its cause: a full disk wants space, a read-only one or a
    /// folder nb may not write another place, a name too long a shorter one. Advice that says
    /// "free some disk space" for all of them sends the user the wrong way.
    public enum WriteFailure: Sendable, Equatable {
        /// ENOSPC, EDQUOT.
        case diskFull
        /// EROFS.
        case readOnly
        /// EACCES, EPERM.
        case notPermitted
        /// ENAMETOOLONG.
        case nameTooLong
        /// Anything else.
        case other

        /// The kind of failure the POSIX error `code` is.
        public init(errno code: Int32) {
            switch code {
            case ENOSPC, EDQUOT: self = .diskFull
            case EROFS: self = .readOnly
            case EACCES, EPERM: self = .notPermitted
            case ENAMETOOLONG: self = .nameTooLong
            default: self = .other
            }
        }
    }

    private static func code(of error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, let code = code(of: underlying) {
            return code
        }
        guard error.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteFileExists: return EEXIST
        case .fileReadTooLarge: return EFBIG
        case .fileReadInvalidFileName, .fileWriteInvalidFileName: return EINVAL
        default: return nil
        }
    }
}
