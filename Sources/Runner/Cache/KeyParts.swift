/// Everything a statement's cache key is made of, in one place: the operations it calls with
/// their versions, every argument's value, the keys of the statements it reads, the digests of
/// the files it reads, and its seed when it draws random numbers.
///
/// The key is the SHA-256 of these parts and nothing else (knitr's rule: what changes a result,
/// and only that). The run record keeps each statement's parts, so that the next run can say
/// which part changed when a statement has to run again.
public struct KeyParts: Hashable, Sendable, Codable {
    /// One named part, such as `operation` → `train v2` or `lr` → `0.001`.
    public struct Part: Hashable, Sendable, Codable {
        /// What the part is, for explaining a change.
        public enum Kind: String, Hashable, Sendable, Codable {
            /// The operation called, with its version: `train v2`.
            case operation
            /// An argument's value, written as a notebook literal.
            case argument
            /// The statement an argument reads, with that statement's key.
            case reference
            /// A file the operation reads, with the SHA-256 of its bytes.
            case file
            /// The seed the statement draws its random numbers from.
            case seed
        }

        /// What the part is.
        public var kind: Kind
        /// Its name: an argument's path (`model.latent` inside a nested call), or a file's path.
        public var name: String
        /// Its value as text; two values are one value exactly when their texts are equal.
        public var value: String

        /// Creates a part.
        public init(_ kind: Kind, _ name: String, _ value: String) {
            self.kind = kind
            self.name = name
            self.value = value
        }
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
        for part in parts {
            builder.add(part.kind.rawValue)
            builder.add(part.name)
            builder.add(part.value)
        }
        return builder.finalize()
    }

    /// The key of the same statement without the top-level argument `name`: the key of a
    /// resumable statement's lineage, shared by every run that differs only in that argument
    /// (a training's `epochs`).
    public func key(without name: String) -> CacheKey {
        var lineage = self
        lineage.parts.removeAll { $0.kind == .argument && $0.name == name }
        lineage.parts.insert(Part(.argument, "lineage without", name), at: 0)
        return lineage.key
    }

    /// The value of the top-level argument `name`, if it is a part.
    public func argument(_ name: String) -> String? {
        parts.first { $0.kind == .argument && $0.name == name }?.value
    }
}

extension Value {
    /// The value as a key part: a notebook literal with strings quoted and escaped, so that two
    /// different values never give the same text; -0.0 is 0.0 and every NaN is `nan`.
    var keyText: String {
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
        // Domain values reach keys only through the keys of the statements computing them.
        case .domain(let value): return "<\(type(of: value).valueType)>"
        }
    }
}
