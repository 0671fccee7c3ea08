import Foundation

/// What a path names instead of a regular file.
public enum FileKind: Equatable, Sendable {
    /// A folder.
    case directory
    /// A named pipe: its open waits for a writer, its reads for data.
    case fifo
    /// A device such as `/dev/zero`, which may never end.
    case characterDevice
    /// A disk or partition.
    case blockDevice
    /// A Unix socket.
    case socket

    /// The kind of a file that is not regular, from its `st_mode`; nil for a regular file.
    init?(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        // The only kind left once `open` has followed symlinks.
        default: self = .socket
        }
    }
}
