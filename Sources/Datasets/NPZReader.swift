/// Reads arrays from NumPy `.npz` archives: zip files of `.npy` members, stored (`np.savez`) or
/// deflated (`np.savez_compressed`).
public enum NPZReader {
    /// The names of the arrays in the archive at `path`: its `.npy` members without the suffix.
    public static func arrayNames(path: String) throws -> [String] {
        try ZipArchive(path: path).members.compactMap { member in
            member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : nil
        }
    }

    /// The type and shape of the array `name` (`"x_train"` names `x_train.npy`) in the archive at
    /// `path`, inflating only the member's first bytes: what checking a notebook needs.
    public static func header(path: String, array name: String) throws -> NPYHeader {
        let archive = try ZipArchive(path: path)
        let member = try find(name, in: archive)
        let limit = NPYHeader.longestPreamble + NPYHeader.maximumHeaderBytes
        return try NPYHeader(parsing: try archive.prefix(of: member, limit: limit), path: memberPath(path, member))
    }

    /// Reads the array `name` from the archive at `path`.
    public static func read(
        path: String, array name: String, memoryBudget: Int = IDXReader.defaultMemoryBudget
    ) throws -> NPYArray {
        try read(ZipArchive(path: path), array: name, memoryBudget: memoryBudget)
    }

    /// Reads every array of the `.npz` archive held in `bytes` (for the fuzzer), read as from `path`.
    public static func decodeAll(_ bytes: [UInt8], path: String, memoryBudget: Int) throws -> [NPYArray] {
        let archive = try ZipArchive(bytes: bytes, path: path)
        return try archive.members.map { member in
            try read(archive, array: String(member.name.dropLast(4)), memoryBudget: memoryBudget)
        }
    }

    private static func read(_ archive: ZipArchive, array name: String, memoryBudget: Int) throws -> NPYArray {
        let member = try find(name, in: archive)
        let bytes = try archive.contents(of: member, memoryBudget: memoryBudget)
        return try NPYReader.decode(bytes, path: memberPath(archive.path, member), memoryBudget: memoryBudget)
    }

    /// The member holding array `name`.
    private static func find(_ name: String, in archive: ZipArchive) throws -> ZipArchive.Member {
        guard let member = archive.member(named: name + ".npy") else {
            throw DatasetError.memberNotFound(
                path: archive.path, member: name,
                available: archive.members.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name })
        }
        return member
    }

    /// How a member is named in messages: the archive's path, then the member's name.
    private static func memberPath(_ path: String, _ member: ZipArchive.Member) -> String {
        path + "/" + member.name
    }
}
