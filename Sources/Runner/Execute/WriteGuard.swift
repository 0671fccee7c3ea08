import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files no write of nb's may replace: the notebook being run, the files the run reads, and
/// everything in the cache. The checker asks it about the paths it knows (a literal `path:`), the
/// runner about the rest just before the write.
///
/// Paths are compared as the file system resolves them (`realpath`, so `./t.md`, `t.md` and a
/// path through a symbolic link to its folder are one file), and by device and inode when both
/// files exist, so a second hard link to the notebook is the notebook too.
public struct WriteGuard: Sendable {
    /// What a write would have replaced.
    public enum Protected: Hashable, Sendable {
        /// The notebook being run, at the path it was given as.
        case notebook(String)
        /// A file the run reads, at its path.
        case input(String)
        /// nb's cache directory, at its path.
        case cache(String)
    }

    private let notebook: ResolvedPath
    private let inputs: [ResolvedPath]
    private let cache: ResolvedPath?

    /// Guards `notebook`, the files at `inputs` and everything under `cacheDirectory`; relative
    /// paths are taken from the current directory, as the writes themselves take them.
    public init(notebook: String, inputs: [String], cacheDirectory: String?) {
        self.notebook = ResolvedPath(notebook)
        self.inputs = Set(inputs).sorted().map(ResolvedPath.init)
        self.cache = cacheDirectory.map(ResolvedPath.init)
    }

    /// What writing `path` would replace, or nil when it replaces nothing guarded.
    public func protected(_ path: String) -> Protected? {
        let target = ResolvedPath(path)
        if target.isSame(as: notebook) { return .notebook(notebook.given) }
        if let input = inputs.first(where: target.isSame(as:)) { return .input(input.given) }
        if let cache, target.resolved == cache.resolved || target.resolved.hasPrefix(cache.resolved + "/") {
            return .cache(cache.given)
        }
        return nil
    }
}

/// A path as given, as the file system resolves it, and the file it names when that exists.
private struct ResolvedPath: Sendable {
    /// The path as written, for messages.
    let given: String
    /// Absolute, with `.`, `..` and symbolic links resolved as far as the path exists.
    let resolved: String
    /// The device and inode of the file, when it exists.
    let node: [UInt64]?

    init(_ path: String) {
        given = path
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        resolved =
            Self.realPath(absolute.path)
            ?? Self.realPath(absolute.deletingLastPathComponent().path).map {
                ($0 == "/" ? "" : $0) + "/" + absolute.lastPathComponent
            } ?? absolute.path
        var status = stat()
        node = stat(resolved, &status) == 0 ? [UInt64(status.st_dev), UInt64(status.st_ino)] : nil
    }

    /// The same file: the same device and inode when both exist, else the same resolved path.
    func isSame(as other: ResolvedPath) -> Bool {
        if let node, let otherNode = other.node { return node == otherNode }
        return resolved == other.resolved
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
