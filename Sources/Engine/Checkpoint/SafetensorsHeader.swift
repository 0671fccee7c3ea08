/// The element types nb writes and reads; the raw value is the header's spelling.
enum SafetensorsDtype: String {
    /// Float32, for parameters and running statistics.
    case f32 = "F32"
    /// Int64, for counters such as BatchNorm's `num_batches_tracked`.
    case i64 = "I64"

    /// The bytes per element.
    var byteCount: Int {
        switch self {
        case .f32: 4
        case .i64: 8
        }
    }
}

/// The JSON header of a safetensors file: metadata, and where each tensor's bytes lie.
struct SafetensorsHeader: Equatable {
    /// One tensor's entry: `{"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}`.
    struct Entry: Equatable {
        var name: String
        var dtype: SafetensorsDtype
        var shape: [Int]
        /// The tensor's bytes, relative to the start of the data (after the header).
        var offsets: Range<Int>
    }

    /// Free-form strings stored under `__metadata__` (omitted from the file when empty).
    var metadata: [String: String]
    /// The entries in data order.
    var entries: [Entry]

    /// The header as the Rust writer prints it: compact JSON, `__metadata__` first, then the entries
    /// in data order, padded with spaces to a multiple of 8 bytes so the data starts aligned.
    var encoded: [UInt8] {
        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(quoted($0.value))" }
            members.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            members.append(
                "\(quoted(entry.name)):{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[\(shape)],"
                    + "\"data_offsets\":[\(entry.offsets.lowerBound),\(entry.offsets.upperBound)]}")
        }
        var bytes = Array("{\(members.joined(separator: ","))}".utf8)
        bytes += repeatElement(UInt8(ascii: " "), count: (8 - bytes.count % 8) % 8)
        return bytes
    }

    /// `text` as a JSON string literal, escaped as serde_json does.
    private func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension SafetensorsHeader {
    /// Reads the parsed header `root` of the file `path` and checks every entry against the
    /// `dataBytes` bytes of data that follow: fields well formed, byte counts matching shapes, and
    /// the tensors tiling the data exactly, in any order, as the Rust reader requires.
    init(parsing root: JSONValue, dataBytes: Int, path: String) throws {
        guard case .object(let members) = root else {
            throw SafetensorsError.invalidHeader(path: path, reason: SafetensorsError.topLevelNotObject)
        }
        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        for (name, value) in members {
            if name == "__metadata__" {
                guard case .object(let pairs) = value else { throw SafetensorsError.invalidMetadata(path: path) }
                for (key, value) in pairs {
                    guard case .string(let string) = value else { throw SafetensorsError.invalidMetadata(path: path) }
                    metadata[key] = string
                }
            } else {
                entries.append(try Entry(parsing: value, name: name, path: path))
            }
        }
        entries.sort { ($0.offsets.lowerBound, $0.offsets.upperBound) < ($1.offsets.lowerBound, $1.offsets.upperBound) }

        var end = 0
        for entry in entries {
            guard entry.offsets.lowerBound == end else {
                throw SafetensorsError.notContiguous(
                    path: path, tensor: entry.name, expectedBegin: end, actualBegin: entry.offsets.lowerBound)
            }
            guard entry.offsets.upperBound <= dataBytes else {
                throw SafetensorsError.offsetsOutOfRange(
                    path: path, tensor: entry.name, end: entry.offsets.upperBound, dataBytes: dataBytes)
            }
            end = entry.offsets.upperBound
        }
        guard end == dataBytes else {
            throw SafetensorsError.trailingBytes(path: path, usedBytes: end, dataBytes: dataBytes)
        }
        self.init(metadata: metadata, entries: entries)
    }
}

extension SafetensorsHeader.Entry {
    /// Reads one tensor's entry, checking its fields and that its offsets span exactly the bytes
    /// its shape and dtype need.
    init(parsing value: JSONValue, name: String, path: String) throws {
        func invalid(_ field: String) -> SafetensorsError {
            .invalidField(path: path, tensor: name, field: field)
        }
        guard case .object(let fields) = value else { throw invalid("entry") }
        guard case .string(let dtypeName) = fields["dtype"] else { throw invalid("dtype") }
        // Ranks above the engine's maximum are reported as a bad shape rather than trapping later.
        guard let shape = fields["shape"]?.naturals, shape.count <= Shape.maximumRank else { throw invalid("shape") }
        guard let offsets = fields["data_offsets"]?.naturals, offsets.count == 2, offsets[0] <= offsets[1] else {
            throw invalid("data_offsets")
        }
        guard let dtype = SafetensorsDtype(rawValue: dtypeName) else {
            throw SafetensorsError.unknownDtype(path: path, tensor: name, dtype: dtypeName)
        }
        // A shape whose byte count overflows cannot match any offsets; report it as the shape's fault.
        var expectedBytes = dtype.byteCount
        for dimension in shape {
            let (product, overflow) = expectedBytes.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw invalid("shape") }
            expectedBytes = product
        }
        guard offsets[1] - offsets[0] == expectedBytes else {
            throw SafetensorsError.byteCountMismatch(
                path: path, tensor: name, shape: shape, dtype: dtypeName, expectedBytes: expectedBytes,
                actualBytes: offsets[1] - offsets[0])
        }
        self.init(name: name, dtype: dtype, shape: shape, offsets: offsets[0]..<offsets[1])
    }
}

/// A parsed JSON value; only the header parser needs one, so it stays internal.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The elements, when this is an array of integers that are all zero or more.
    var naturals: [Int]? {
        guard case .array(let elements) = self else { return nil }
        var result: [Int] = []
        for element in elements {
            guard case .integer(let value) = element, value >= 0 else { return nil }
            result.append(value)
        }
        return result
    }
}
