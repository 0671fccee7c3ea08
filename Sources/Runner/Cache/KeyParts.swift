/// Everything a statement's cache key is made of, as typed values: the operations it calls with
/// their versions, every argument's value, the keys of the statements it reads, the digests of
/// the files it reads, and its seed when it draws random numbers. `StatementKey` builds them.
///
/// The key is the SHA-256 of these parts and nothing else (knitr's rule: what changes a result,
/// and only that). The run record keeps each statement's parts, so that the next run can say
/// which part changed when a statement has to run again, by comparing values, never text.
public struct KeyParts: Hashable, Sendable, Codable {
    /// One part of a key. `path` is where it stands in the statement: an argument's name
    /// (`model.latent` inside a nested call, `hidden[1]` in a list), "" for the outermost call.
    public enum Part: Hashable, Sendable, Codable {
        /// An operation called at `path`, with its version.
        case operation(path: String, name: String, version: Int)
        /// A value known before running: a literal, a parameter, or a name bound to one.
        case argument(path: String, value: KeyValue)
        /// A list of `count` elements, each its own part after this one.
        case list(path: String, count: Int)
        /// The statement an argument reads, by its key in hex (nil when it has none yet).
        case reference(path: String, key: String?)
        /// The `position`-th file (from 1) the call at `path` reads, by the SHA-256 of its bytes
        /// (nil when it cannot be read); its path is not part of the key.
        case file(path: String, position: Int, sha256: String?)
        /// The files of the call at `path` cannot be found yet; the call will say why when it runs.
        case filesNotFound(path: String)
        /// The seed the call at `path` draws its random numbers from.
        case seed(path: String, seed: UInt64)
        /// Marks a lineage key: the statement's parts without its resumable argument `argument`.
        case lineage(without: String)

        /// Where the part stands, matching it with the same part of another run's key.
        public var slot: Slot {
            switch self {
            case .operation(let path, _, _): Slot(kind: .operation, path: path)
            case .argument(let path, _), .list(let path, _): Slot(kind: .argument, path: path)
            case .reference(let path, _): Slot(kind: .reference, path: path)
            case .file(let path, let position, _): Slot(kind: .file, path: path, position: position)
            case .filesNotFound(let path): Slot(kind: .file, path: path, position: 0)
            case .seed(let path, _): Slot(kind: .seed, path: path)
            case .lineage: Slot(kind: .lineage, path: "")
            }
        }
    }

    /// Where a part stands in its statement.
    public struct Slot: Hashable, Sendable {
        /// What stands there.
        public enum Kind: Hashable, Sendable { case operation, argument, reference, file, seed, lineage }
        /// What stands there.
        public var kind: Kind
        /// The argument's path, or the call's for files and seeds.
        public var path: String
        /// A file's position in its call (0 for files not found yet).
        public var position = 0
    }

    /// The parts, in the order the expression is written (calls in pre-order).
    public var parts: [Part]

    /// Creates parts.
    public init(parts: [Part] = []) {
        self.parts = parts
    }

    /// The key of these parts.
    public var key: CacheKey {
        var builder = KeyBuilder()
        builder.add(UInt64(parts.count))
        for part in parts { part.hash(into: &builder) }
        return builder.finalize()
    }

    /// The key of the same statement without the top-level argument `name`: the key of a
    /// resumable statement's lineage, shared by every run that differs only in that argument
    /// (a training's `epochs`).
    public func key(without name: String) -> CacheKey {
        var lineage = self
        lineage.parts.removeAll { $0.slot == Slot(kind: .argument, path: name) }
        lineage.parts.insert(.lineage(without: name), at: 0)
        return lineage.key
    }

    /// The value of the top-level argument `name`, if it is a part.
    public func argument(_ name: String) -> KeyValue? {
        for case .argument(name, let value) in parts { return value }
        return nil
    }

    private enum CodingKeys: CodingKey { case parts }

    /// Reads the parts a record kept; a record from an nb that kept them in another form gives
    /// none, so the next run explains a change in general terms once.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parts = (try? container.decode([Part].self, forKey: .parts)) ?? []
    }
}

extension KeyParts.Part {
    /// Feeds the part into a key as three fields, a kind, a name and a value, written as they were
    /// before parts were typed, so that every cache entry made since keeps its key.
    fileprivate func hash(into builder: inout KeyBuilder) {
        let fields: (kind: String, name: String, value: String)
        switch self {
        case .operation(let path, let name, let version): fields = ("operation", path, "\(name) v\(version)")
        case .argument(let path, let value): fields = ("argument", path, value.keyText)
        case .list(let path, _): fields = ("argument", path, valueText)
        case .reference(let path, let key): fields = ("reference", path, key ?? "?")
        case .file(let path, let position, let sha256):
            fields = ("file", (path.isEmpty ? "" : path + ".") + "file \(position)", sha256 ?? "unreadable")
        case .filesNotFound(let path): fields = ("file", (path.isEmpty ? "" : path + ".") + "files", "not found")
        case .seed(let path, let seed): fields = ("seed", path, String(seed))
        case .lineage(let name): fields = ("argument", "lineage without", name)
        }
        builder.add(fields.kind)
        builder.add(fields.name)
        builder.add(fields.value)
    }
}

/// A value as a key holds it: what a notebook literal can be, or the type of a value computed
/// by another statement (which reaches keys only through that statement's key).
public indirect enum KeyValue: Hashable, Sendable, Codable {
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case list([KeyValue])
    /// A value of a domain type, such as a data set.
    case opaque(type: String)

    /// The key's form of `value`.
    init(_ value: Value) {
        switch value {
        case .int(let number): self = .int(number)
        case .float(let number): self = .float(number)
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .bool(flag)
        case .list(let elements): self = .list(elements.map(KeyValue.init))
        case .domain(let value): self = .opaque(type: "\(type(of: value).valueType)")
        }
    }

    /// The value as a notebook literal, strings quoted and escaped so that two different values
    /// never give the same text; -0.0 is 0.0 and every NaN is `nan`.
    public var keyText: String {
        switch self {
        case .int(let number): return String(number)
        case .float(let number):
            if number.isNaN { return "nan" }
            return "\(number == 0 ? 0 : number)"
        case .string(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        case .bool(let flag): return String(flag)
        case .list(let elements): return "[" + elements.map(\.keyText).joined(separator: ", ") + "]"
        case .opaque(let type): return "<\(type)>"
        }
    }
}
