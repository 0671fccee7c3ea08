/// A file an operation will read, named before it runs so that the file's bytes can be part of
/// the statement's cache key: a data set swapped behind the same path is new data.
public struct InputFile: Hashable, Sendable, Codable {
    /// The file's absolute path.
    public var path: String
    /// Where the path came from, for the run record and the report: `NB_DATA`,
    /// `the directory given`, `the project's data`.
    public var origin: String

    /// Names a file.
    public init(path: String, origin: String) {
        self.path = path
        self.origin = origin
    }
}

/// A file a statement read, with the digest its key holds: what the run record keeps.
public struct InputFileRecord: Hashable, Sendable, Codable {
    /// The file's absolute path.
    public var path: String
    /// Where the path came from (see `InputFile.origin`).
    public var origin: String
    /// The SHA-256 of its bytes, hex; nil when it could not be read.
    public var sha256: String?

    /// Creates an entry.
    public init(path: String, origin: String, sha256: String?) {
        self.path = path
        self.origin = origin
        self.sha256 = sha256
    }
}
