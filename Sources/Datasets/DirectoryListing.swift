#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The visible entries of one folder, read with `readdir` (whose entry types spare a `stat` per
/// file: listing 10,000 images is then a few milliseconds).
struct DirectoryListing {
    /// One entry: its name and what it is.
    struct Entry {
        /// The name within the folder.
        let name: String
        /// A folder to enter (a symlink to one only when `followsLinks` was asked).
        let isDirectory: Bool
        /// Anything but a folder, or a symlink to one (opening it tells what it is).
        let isFile: Bool
    }

    /// The entries, hidden ones (a name starting with `.`) left out, in no particular order.
    let entries: [Entry]

    /// Lists the folder at `path`; nil when it cannot be opened as a folder. A symlink is
    /// resolved when `followsLinks`; otherwise a symlinked folder is not entered (no cycles).
    init?(path: String, followsLinks: Bool) {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let type = Int32(entry.pointee.d_type)
            if type == Int32(DT_DIR) {
                entries.append(Entry(name: name, isDirectory: true, isFile: false))
            } else if type == Int32(DT_REG) {
                entries.append(Entry(name: name, isDirectory: false, isFile: true))
            } else if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                var status = stat()
                let directory = stat(path + "/" + name, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                let entered = directory && (followsLinks || type == Int32(DT_UNKNOWN))
                entries.append(Entry(name: name, isDirectory: entered, isFile: !directory))
            }
        }
        self.entries = entries
    }
}
