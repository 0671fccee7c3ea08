/// Everything that can go wrong while writing or reading a safetensors file.
///
/// Cases carry the file, the tensor and the numbers involved; `description` is the only place
/// the messages are written.
public enum SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `path` does not exist.
    case fileNotFound(path: String)
    /// `path` could not be read.
    case unreadableFile(path: String, reason: String)
    /// `path` could not be written; nothing was replaced.
    case writeFailed(path: String, reason: String)
    /// The path to write is empty.
    case emptyPath
    /// The path to write is something other than a regular file, which `save` must not replace.
    case notARegularFile(path: String, kind: String)
    /// A tensor is named `__metadata__`, the header's key for the metadata.
    case reservedName(String)
    /// The same name is used by a Float32 tensor and an Int64 tensor.
    case duplicateName(String)
    /// The file is shorter than the 8-byte header length.
    case fileTooShort(path: String, fileBytes: Int)
    /// The header length points past the end of the file.
    case headerLengthOutOfRange(path: String, headerBytes: UInt64, fileBytes: Int)
    /// The header is not UTF-8 JSON holding an object.
    case invalidHeader(path: String, reason: String)
    /// `__metadata__` is not an object of strings.
    case invalidMetadata(path: String)
    /// A tensor's entry lacks `field` or holds the wrong kind of value there.
    case invalidField(path: String, tensor: String, field: String)
    /// A tensor's dtype is not one nb reads.
    case unknownDtype(path: String, tensor: String, dtype: String)
    /// A tensor's offsets span another number of bytes than its shape and dtype need.
    case byteCountMismatch(
        path: String, tensor: String, shape: [Int], dtype: String, expectedBytes: Int, actualBytes: Int)
    /// A tensor does not start where the previous one ends (a gap, or an overlap).
    case notContiguous(path: String, tensor: String, expectedBegin: Int, actualBegin: Int)
    /// A tensor ends past the end of the data: the file is cut short.
    case offsetsOutOfRange(path: String, tensor: String, end: Int, dataBytes: Int)
    /// Bytes follow the last tensor's data.
    case trailingBytes(path: String, usedBytes: Int, dataBytes: Int)

    /// The message: what is wrong, where, and how to fix it.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such checkpoint; check the path, or train the model again to write it"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot be read (\(reason)); check that it is a readable file"
        case .writeFailed(let path, let reason):
            return
                "\(path): cannot write the checkpoint: \(reason); check the path, the disk space and the folder's permissions"
        case .emptyPath:
            return "cannot write a checkpoint to an empty path; give a file name, like \"Output/model.safetensors\""
        case .notARegularFile(let path, let kind):
            return "\(path) is \(kind), not a file; a checkpoint is written only to a new path or over a regular file: "
                + "choose another path"
        case .reservedName(let name):
            return "cannot save a tensor named '\(name)': the safetensors header uses that key for metadata; rename it"
        case .duplicateName(let name):
            return "cannot save two tensors named '\(name)' (one Float32, one Int64); give them different names"
        case .fileTooShort(let path, let fileBytes):
            return "\(path): only \(fileBytes) bytes, too short for a safetensors file (8-byte header length first); "
                + Self.rewriteHint
        case .headerLengthOutOfRange(let path, let headerBytes, let fileBytes):
            return "\(path): header length \(headerBytes) runs past the end of the \(fileBytes)-byte file; "
                + "the file is truncated or not safetensors: \(Self.rewriteHint)"
        case .invalidHeader(let path, let reason):
            return "\(path): the header is not a JSON object (\(reason)); \(Self.rewriteHint)"
        case .invalidMetadata(let path):
            return "\(path): __metadata__ must map strings to strings; \(Self.rewriteHint)"
        case .invalidField(let path, let tensor, let field):
            return "\(path): tensor '\(tensor)': \(Self.expectation(of: field)); \(Self.rewriteHint)"
        case .unknownDtype(let path, let tensor, let dtype):
            return "\(path): tensor '\(tensor)' has dtype '\(dtype)', but nb reads only F32 and I64; "
                + "convert it before saving (in PyTorch: tensor.float())"
        case .byteCountMismatch(let path, let tensor, let shape, let dtype, let expectedBytes, let actualBytes):
            return "\(path): tensor '\(tensor)' of shape \(shape) and dtype \(dtype) needs \(expectedBytes) bytes "
                + "but its data_offsets span \(actualBytes); \(Self.rewriteHint)"
        case .notContiguous(let path, let tensor, let expectedBegin, let actualBegin):
            let problem =
                actualBegin < expectedBegin
                ? "overlaps the previous tensor" : "leaves a gap of \(actualBegin - expectedBegin) bytes"
            return "\(path): tensor '\(tensor)' starts at byte \(actualBegin) of the data, not \(expectedBegin), "
                + "so it \(problem); \(Self.rewriteHint)"
        case .offsetsOutOfRange(let path, let tensor, let end, let dataBytes):
            return "\(path): tensor '\(tensor)' ends at byte \(end) but the data has only \(dataBytes) bytes; "
                + "the file is truncated: \(Self.rewriteHint)"
        case .trailingBytes(let path, let usedBytes, let dataBytes):
            return "\(path): the tensors use \(usedBytes) bytes of data but \(dataBytes) follow the header; "
                + Self.rewriteHint
        }
    }

    /// How to get a good file, shared by the messages about damaged files.
    private static let rewriteHint = "delete it and train again (or re-save it) to write a fresh checkpoint"

    /// What a header entry's `field` must hold.
    private static func expectation(of field: String) -> String {
        switch field {
        case "dtype": "'dtype' must be a string such as \"F32\""
        case "shape": "'shape' must be a list of non-negative integers"
        case "data_offsets": "'data_offsets' must be two non-negative integers [begin, end] with begin ≤ end"
        default: "the entry must be an object with dtype, shape and data_offsets"
        }
    }
}

extension SafetensorsError {
    /// The `invalidHeader` reason for a header that is JSON but not an object.
    static let topLevelNotObject = "the top level is not an object"

    /// What `st_mode`'s file-type bits name, as messages word it.
    static func fileKind(_ bits: UInt32) -> String {
        switch bits {
        case 0o040000: "a folder"
        case 0o020000, 0o060000: "a device"
        case 0o010000: "a named pipe"
        case 0o140000: "a socket"
        default: "not a regular file"
        }
    }
}
