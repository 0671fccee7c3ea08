import Engine
import Foundation
import TestSupport
import Testing

/// The bytes of a safetensors file with the header `header` (padded here) and data `data`.
private func file(header: String, data: [UInt8]) -> [UInt8] {
    var json = Array(header.utf8)
    json += repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8)
    return (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) } + json + data
}

/// One F32 tensor `a` = [1, 2]: the smallest useful file.
private let tinyFile = file(
    header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40])

/// A fresh empty folder under the system's temporary directory.
private func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nb-safetensors-\(UUID().uuidString)")
        .path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Safetensors checkpoints")
struct SafetensorsTests {
    @Test("One F32 tensor encodes to exactly the hand-computed bytes")
    func encodesATinyFile() throws {
        let checkpoint = Safetensors(tensors: ["a": Tensor(shape: [2], values: [1, 2])])
        // 56 = 54 bytes of JSON + 2 spaces of padding; 1.0f = 00 00 80 3F, 2.0f = 00 00 00 40.
        let expected: [UInt8] =
            [56, 0, 0, 0, 0, 0, 0, 0] + Array(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}  "#.utf8)
            + [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]
        #expect(try checkpoint.encoded() == expected)
        #expect(tinyFile == expected)
    }

    @Test("Metadata comes first and I64 tensors before F32 ones, byte for byte as Python's safetensors writes")
    func matchesTheRustLayout() throws {
        // python3 -c "import numpy as np; from safetensors.numpy import save; print(list(save({'w':
        //   np.array([0.5,-1],dtype=np.float32),'n':np.array(7,dtype=np.int64),'bias':np.array([3],
        //   dtype=np.float32)}, metadata={'format':'pt'})))"   (safetensors 0.8.0)
        let checkpoint = Safetensors(
            tensors: ["w": Tensor(shape: [2], values: [0.5, -1]), "bias": Tensor(shape: [1], values: [3])],
            integers: ["n": Int64Tensor(shape: [], values: [7])], metadata: ["format": "pt"])
        let header =
            #"{"__metadata__":{"format":"pt"},"n":{"dtype":"I64","shape":[],"data_offsets":[0,8]},"#
            + #""bias":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},"#
            + #""w":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}    "#
        let expected: [UInt8] =
            [200, 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8)
            + [7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64, 64, 0, 0, 0, 63, 0, 0, 128, 191]
        #expect(try checkpoint.encoded() == expected)

        let decoded = try Safetensors.decode(expected, path: "python.safetensors")
        #expect(decoded.tensors["w"]?.values == [0.5, -1])
        #expect(decoded.tensors["bias"]?.values == [3])
        #expect(decoded.integers == ["n": Int64Tensor(shape: [], values: [7])])
        #expect(decoded.metadata == ["format": "pt"])
    }

    @Test("Tensors of every kind survive a write and a read")
    func roundTrips() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/model.safetensors"
        let original = Safetensors(
            tensors: [
                "encoder.0.weight": Tensor(shape: [2, 1, 2, 2], values: [0.25, -1.5, 3, 1e-8, -0, 7, .infinity, 2]),
                "encoder.0.bias": Tensor(shape: [2], values: [0.1, -0.2]),
                "scale": Tensor(shape: [], values: [42]),
                "empty": Tensor(shape: [2, 0], values: []),
            ],
            integers: [
                "bn.num_batches_tracked": Int64Tensor(shape: [], values: [938]),
                "steps": Int64Tensor(shape: [3], values: [-1, 0, .max]),
            ],
            metadata: ["format": "pt", "note": "quote \" backslash \\ newline \n tab \t é"])
        try original.write(to: path)
        let read = try Safetensors.read(from: path)

        #expect(read.tensors.keys.sorted() == ["empty", "encoder.0.bias", "encoder.0.weight", "scale"])
        for (name, tensor) in original.tensors {
            #expect(read.tensors[name]?.shape == tensor.shape)
            #expect(read.tensors[name]?.values.map(\.bitPattern) == tensor.values.map(\.bitPattern))
        }
        #expect(read.integers == original.integers)
        #expect(read.metadata == original.metadata)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.safetensors"])
    }

    @Test("Writing replaces an existing file and leaves no temporary file behind")
    func replacesAtomically() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/model.safetensors"
        try Safetensors(tensors: ["a": Tensor(shape: [3], values: [1, 2, 3])]).write(to: path)
        try Safetensors(tensors: ["a": Tensor(shape: [2], values: [1, 2])]).write(to: path)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == tinyFile)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["model.safetensors"])
    }

    @Test("Writing into a missing folder fails with the path and the system's reason")
    func reportsWriteFailures() throws {
        let checkpoint = Safetensors(tensors: ["a": Tensor(shape: [1], values: [1])])
        let error = SafetensorsError.writeFailed(
            path: "/nonexistent/model.safetensors", reason: "No such file or directory")
        #expect(throws: error) { try checkpoint.write(to: "/nonexistent/model.safetensors") }
        #expect(
            error.description
                == "/nonexistent/model.safetensors: cannot write the checkpoint: No such file or directory; "
                + "check the path, the disk space and the folder's permissions")
    }

    /// Before, `save` to /dev/null replaced the device node with a regular file, a folder path
    /// failed with Foundation's text, and an empty path gave ": cannot write".
    @Test("A path that is not a regular file or a new one is refused, and the empty path has its own message")
    func refusesSpecialFiles() throws {
        let checkpoint = Safetensors(tensors: ["a": Tensor(shape: [1], values: [1])])
        #expect(throws: SafetensorsError.notARegularFile(path: "/dev/null", kind: "a device")) {
            try checkpoint.write(to: "/dev/null")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & 0o170000 == 0o020000)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nb-st-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: SafetensorsError.notARegularFile(path: folder, kind: "a folder")) {
            try checkpoint.write(to: folder)
        }
        #expect(throws: SafetensorsError.emptyPath) { try checkpoint.write(to: "") }
        #expect(
            SafetensorsError.notARegularFile(path: "/dev/null", kind: "a device").description
                == "/dev/null is a device, not a file; a checkpoint is written only to a new path or over a regular "
                + "file: choose another path")
        #expect(
            SafetensorsError.emptyPath.description
                == "cannot write a checkpoint to an empty path; give a file name, like \"Output/model.safetensors\"")
    }

    /// Before, the link was replaced by a file and its target left as it was.
    @Test("A symbolic link is written through to its target, relative or absolute, and stays a link")
    func writesThroughSymbolicLinks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nb-st-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/relative", withDestinationPath: "sub/target")
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/absolute", withDestinationPath: folder + "/relative")
        try Safetensors(tensors: ["a": Tensor(shape: [2], values: [1, 2])]).write(to: folder + "/absolute")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/sub/target"))) == tinyFile)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/absolute") == folder + "/relative")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/relative") == "sub/target")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["target"])
    }

    @Test("Names that the format cannot hold are refused")
    func refusesBadNames() throws {
        #expect(throws: SafetensorsError.reservedName("__metadata__")) {
            try Safetensors(tensors: ["__metadata__": Tensor(shape: [1], values: [1])]).encoded()
        }
        #expect(throws: SafetensorsError.duplicateName("n")) {
            try Safetensors(
                tensors: ["n": Tensor(shape: [1], values: [1])], integers: ["n": Int64Tensor(shape: [], values: [1])]
            ).encoded()
        }
    }

    @Test("A missing file is named in the error")
    func reportsAMissingFile() throws {
        #expect(throws: SafetensorsError.fileNotFound(path: "/nonexistent/model.safetensors")) {
            try Safetensors.read(from: "/nonexistent/model.safetensors")
        }
    }

    @Test("A checkpoint that links to /dev/zero is refused instead of read forever")
    func refusesADevice() throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: link) }
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        let outcome = finishes(within: 10) { _ = try Safetensors.read(from: link.path) }
        let error = SafetensorsError.unreadableFile(
            path: link.path, reason: "it is a character device, not a regular file")
        #expect(outcome?.failure(as: SafetensorsError.self) == error)
    }

    @Test("A file cut short in its data, its header or its length gives the exact error")
    func detectsTruncation() throws {
        #expect(throws: SafetensorsError.offsetsOutOfRange(path: "cut", tensor: "a", end: 8, dataBytes: 7)) {
            try Safetensors.decode(Array(tinyFile.dropLast()), path: "cut")
        }
        #expect(throws: SafetensorsError.headerLengthOutOfRange(path: "cut", headerBytes: 56, fileBytes: 40)) {
            try Safetensors.decode(Array(tinyFile.prefix(40)), path: "cut")
        }
        #expect(throws: SafetensorsError.fileTooShort(path: "cut", fileBytes: 5)) {
            try Safetensors.decode(Array(tinyFile.prefix(5)), path: "cut")
        }
        #expect(
            SafetensorsError.offsetsOutOfRange(path: "cut", tensor: "a", end: 8, dataBytes: 7).description
                == "cut: tensor 'a' ends at byte 8 but the data has only 7 bytes; the file is truncated: delete it "
                + "and train again (or re-save it) to write a fresh checkpoint")
    }

    /// Damaged headers, each with the error it must give.
    static let corruptHeaders: [(header: String, data: [UInt8], error: SafetensorsError)] = [
        (
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]"#, [],
            .invalidHeader(path: "f", reason: "malformed JSON")
        ),
        (#"["a"]"#, [], .invalidHeader(path: "f", reason: "the top level is not an object")),
        (
            #"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, [0, 0, 0, 0],
            .unknownDtype(path: "f", tensor: "a", dtype: "F16")
        ),
        (
            #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, Array(repeating: 0, count: 8),
            .byteCountMismatch(path: "f", tensor: "a", shape: [3], dtype: "F32", expectedBytes: 12, actualBytes: 8)
        ),
        (
            #"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, Array(repeating: 0, count: 8),
            .invalidField(path: "f", tensor: "a", field: "shape")
        ),
        (
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, Array(repeating: 0, count: 8),
            .invalidField(path: "f", tensor: "a", field: "data_offsets")
        ),
        (
            #"{"a":{"dtype":"F32","shape":[1,1,1,1,1,1,1],"data_offsets":[0,4]}}"#, Array(repeating: 0, count: 4),
            .invalidField(path: "f", tensor: "a", field: "shape")
        ),
        (#"{"a":{"shape":[2],"data_offsets":[0,8]}}"#, [], .invalidField(path: "f", tensor: "a", field: "dtype")),
        (#"{"a":3}"#, [], .invalidField(path: "f", tensor: "a", field: "entry")),
        (#"{"__metadata__":{"epochs":10}}"#, [], .invalidMetadata(path: "f")),
        (
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
            Array(repeating: 0, count: 12), .notContiguous(path: "f", tensor: "b", expectedBegin: 4, actualBegin: 8)
        ),
        (
            #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
            Array(repeating: 0, count: 8), .notContiguous(path: "f", tensor: "b", expectedBegin: 8, actualBegin: 4)
        ),
        (
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, Array(repeating: 0, count: 8),
            .notContiguous(path: "f", tensor: "a", expectedBegin: 0, actualBegin: 4)
        ),
        (
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, Array(repeating: 0, count: 8),
            .trailingBytes(path: "f", usedBytes: 4, dataBytes: 8)
        ),
    ]

    @Test("A corrupt header gives the exact error", arguments: corruptHeaders.indices)
    func detectsCorruptHeaders(index: Int) throws {
        let (header, data, error) = Self.corruptHeaders[index]
        #expect(throws: error) { try Safetensors.decode(file(header: header, data: data), path: "f") }
    }

    @Test("A header that is not UTF-8 is reported as such")
    func rejectsInvalidUTF8() throws {
        let bytes: [UInt8] = [8, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0xFF, 0x7D, 0x20, 0x20, 0x20, 0x20, 0x20]
        #expect(throws: SafetensorsError.invalidHeader(path: "f", reason: "not UTF-8")) {
            try Safetensors.decode(bytes, path: "f")
        }
    }

    @Test("Unknown dtypes are named with the tensor and what nb can read")
    func explainsUnknownDtypes() {
        #expect(
            SafetensorsError.unknownDtype(path: "m.safetensors", tensor: "w", dtype: "BF16").description
                == "m.safetensors: tensor 'w' has dtype 'BF16', but nb reads only F32 and I64; convert it before "
                + "saving (in PyTorch: tensor.float())")
    }
}
