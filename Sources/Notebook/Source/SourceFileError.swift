/// A notebook file that cannot be read as text; `description` is the one place its text is written.
public enum SourceFileError: Error, Hashable, CustomStringConvertible {
    /// The file could not be read, with the system's reason.
    case unreadable(path: String, reason: String)
    /// The file is not UTF-8: the byte at `byteOffset` (counting from 0) starts no valid sequence.
    case notUTF8(path: String, byteOffset: Int, byte: UInt8)

    /// The message, in the `path: error:` form compilers print.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): error: cannot read the notebook: \(reason)"
        case .notUTF8(let path, let byteOffset, let byte):
            "\(path): error: not a UTF-8 text file: byte \(byteOffset) (0x\(Self.hex(byte))) is not valid UTF-8; "
                + "save the notebook as UTF-8 text"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
