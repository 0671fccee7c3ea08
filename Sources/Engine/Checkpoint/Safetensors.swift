import Files
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A checkpoint in the safetensors format (https://github.com/huggingface/safetensors), readable
/// by PyTorch's `safetensors.torch.load_file` and NumPy's `safetensors.numpy.load_file`.
///
/// The file is an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
/// shape and byte range, padded with spaces to a multiple of 8, then the little-endian data.
/// Tensors are laid out as the Rust writer lays them out: wider dtypes first (I64, then F32),
/// each group sorted by name, so equal contents give identical files.
public struct Safetensors {
    /// The Float32 tensors by name: parameters and running statistics.
    public var tensors: [String: Tensor]
    /// The Int64 tensors by name.
    public var integers: [String: Int64Tensor]
    /// Free-form strings stored in the header's `__metadata__`.
    public var metadata: [String: String]

    /// Creates a checkpoint from its tensors and metadata.
    public init(
        tensors: [String: Tensor] = [:], integers: [String: Int64Tensor] = [:], metadata: [String: String] = [:]
    ) {
        self.tensors = tensors
        self.integers = integers
        self.metadata = metadata
    }

    /// The bytes of the file.
    public func encoded() throws -> [UInt8] {
        for name in tensors.keys where integers[name] != nil {
            throw SafetensorsError.duplicateName(name)
        }
        if tensors["__metadata__"] != nil || integers["__metadata__"] != nil {
            throw SafetensorsError.reservedName("__metadata__")
        }
        var entries: [SafetensorsHeader.Entry] = []
        var dataBytes = 0
        func append(_ name: String, _ dtype: SafetensorsDtype, _ shape: Shape) {
            let end = dataBytes + shape.count * dtype.byteCount
            entries.append(.init(name: name, dtype: dtype, shape: shape.dimensions, offsets: dataBytes..<end))
            dataBytes = end
        }
        for (name, integer) in integers.sorted(by: { $0.key < $1.key }) {
            append(name, .i64, integer.shape)
        }
        for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
            append(name, .f32, tensor.shape)
        }
        let header = SafetensorsHeader(metadata: metadata, entries: entries).encoded
        let dataStart = 8 + header.count

        var bytes = [UInt8](repeating: 0, count: dataStart + dataBytes)
        bytes.withUnsafeMutableBytes { file in
            file.storeBytes(of: UInt64(header.count).littleEndian, toByteOffset: 0, as: UInt64.self)
            file.baseAddress?.advanced(by: 8).copyMemory(from: header, byteCount: header.count)
            for entry in entries {
                let start = dataStart + entry.offsets.lowerBound
                switch entry.dtype {
                case .i64:
                    for (index, value) in (integers[entry.name]?.values ?? []).enumerated() {
                        file.storeBytes(of: value.littleEndian, toByteOffset: start + 8 * index, as: Int64.self)
                    }
                case .f32:
                    guard let tensor = tensors[entry.name] else { continue }
                    for index in 0..<tensor.count {
                        let bits = tensor.data[index].bitPattern.littleEndian
                        file.storeBytes(of: bits, toByteOffset: start + 4 * index, as: UInt32.self)
                    }
                }
            }
        }
        return bytes
    }

    /// The checkpoint held in `bytes`, the contents of `path` (named in errors), after checking
    /// that the header is well formed and its tensors tile the data exactly.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Safetensors {
        guard bytes.count >= 8 else {
            throw SafetensorsError.fileTooShort(path: path, fileBytes: bytes.count)
        }
        let headerBytes = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerBytes <= UInt64(bytes.count - 8) else {
            throw SafetensorsError.headerLengthOutOfRange(path: path, headerBytes: headerBytes, fileBytes: bytes.count)
        }
        let dataStart = 8 + Int(headerBytes)
        guard let text = String(validating: bytes[8..<dataStart], as: UTF8.self) else {
            throw SafetensorsError.invalidHeader(path: path, reason: "not UTF-8")
        }
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw SafetensorsError.invalidHeader(path: path, reason: "malformed JSON")
        }
        let header = try SafetensorsHeader(parsing: json, dataBytes: bytes.count - dataStart, path: path)

        var checkpoint = Safetensors(metadata: header.metadata)
        bytes.withUnsafeBytes { file in
            for entry in header.entries {
                let start = dataStart + entry.offsets.lowerBound
                let shape = Shape(entry.shape)
                switch entry.dtype {
                case .i64:
                    let values = (0..<shape.count).map { index in
                        Int64(littleEndian: file.loadUnaligned(fromByteOffset: start + 8 * index, as: Int64.self))
                    }
                    checkpoint.integers[entry.name] = Int64Tensor(shape: shape, values: values)
                case .f32:
                    let tensor = Tensor(zeros: shape)
                    for index in 0..<shape.count {
                        let bits = UInt32(
                            littleEndian: file.loadUnaligned(fromByteOffset: start + 4 * index, as: UInt32.self))
                        tensor.data[index] = Float(bitPattern: bits)
                    }
                    checkpoint.tensors[entry.name] = tensor
                }
            }
        }
        return checkpoint
    }

    /// Writes the checkpoint to `path` atomically and durably (`AtomicFile`, with fsync): a
    /// checkpoint is what a training cost, so a crash or a power cut never leaves half of one.
    ///
    /// A symbolic link is written through: its target gets the checkpoint and the link stays. A
    /// path that is a folder, a device (`/dev/null`) or anything else but a regular file is
    /// refused rather than replaced. Failures carry the system's `strerror` text.
    public func write(to path: String) throws {
        guard !path.isEmpty else { throw SafetensorsError.emptyPath }
        let bytes = try encoded()
        let target = try Self.writableTarget(of: path)
        do {
            try AtomicFile.write([(Data(bytes), URL(fileURLWithPath: target))], durable: true)
        } catch {
            throw SafetensorsError.writeFailed(path: path, reason: error.reason)
        }
    }

    /// The file a write to `path` replaces: `path` itself when it is a regular file or does not
    /// exist yet, the end of its chain of symbolic links when it is one.
    static func writableTarget(of path: String) throws -> String {
        var current = path
        // Linux's own limit on links followed in one lookup (ELOOP after 40).
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0 else {
                if errno == ENOENT { return current }
                throw SafetensorsError.writeFailed(path: path, reason: SystemError.reason(errno: errno))
            }
            switch info.st_mode & 0o170000 {
            case 0o100000:
                return current
            case 0o120000:
                // A relative link is relative to the folder holding the link.
                let destination = try FileManager.default.destinationOfSymbolicLink(atPath: current)
                let folder = (current as NSString).deletingLastPathComponent
                current = destination.hasPrefix("/") || folder.isEmpty ? destination : folder + "/" + destination
            case let kind:
                throw SafetensorsError.notARegularFile(path: path, kind: SafetensorsError.fileKind(kind))
            }
        }
        throw SafetensorsError.writeFailed(path: path, reason: SystemError.reason(errno: ELOOP))
    }

    /// Reads and checks the checkpoint at `path`.
    public static func read(from path: String) throws -> Safetensors {
        let contents: Data
        do {
            contents = try ReadableFile(path: path).readToEnd()
        } catch .notFound {
            throw SafetensorsError.fileNotFound(path: path)
        } catch {
            throw SafetensorsError.unreadableFile(path: path, reason: error.reason)
        }
        return try decode([UInt8](contents), path: path)
    }
}
