/// Why a cache entry cannot be used; `description` completes "it …" style reasons.
enum CacheEntryError: Error, CustomStringConvertible {
    case unreadable(reason: String)
    case notAnEntry
    case otherFormat(UInt8, current: UInt8)
    case truncated(size: UInt64, expected: UInt64?)
    case checksumMismatch(part: String)
    case unreadableHeader(reason: String)
    case otherKey
    /// Its value is of `type` in another format than this nb reads.
    case otherValueFormat(type: String, format: Int, current: Int)
    /// Its header is fine but its value cannot be read back.
    case valueUnreadable

    var description: String {
        switch self {
        case .unreadable(let reason): "it cannot be read (\(reason))"
        case .notAnEntry: "it is not an nb cache entry"
        case .otherFormat(let format, let current): "it is in cache format \(format); this nb reads format \(current)"
        case .truncated(let size, let expected?): "it is truncated or padded (\(size) bytes, expected \(expected))"
        case .truncated(let size, nil): "it is truncated (\(size) bytes)"
        case .checksumMismatch(let part): "its \(part) does not match its checksum (the file is corrupted)"
        case .unreadableHeader(let reason): "its header cannot be read (\(reason))"
        case .otherKey: "it belongs to another key"
        case .otherValueFormat(let type, let format, let current):
            "it holds \(type) in format \(format); this nb reads format \(current)"
        case .valueUnreadable: "its stored value cannot be read"
        }
    }
}
