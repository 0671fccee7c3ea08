import Foundation

/// What the cache keeps for one statement: its displayed summary, and its value when the value
/// is worth keeping (scalars, and domain values that are `PersistentValue`s).
public struct CacheEntry: Sendable {
    /// The statement's displayed summary.
    public var display: DisplayValue?
    /// The statement's value, if kept.
    public var payload: CachePayload?

    /// Creates an entry.
    public init(display: DisplayValue?, payload: CachePayload?) {
        self.display = display
        self.payload = payload
    }
}

/// A kept value.
public enum CachePayload: Sendable {
    /// A scalar or list of scalars.
    case scalar(Value)
    /// A persistent domain value's bytes, in the value type's format `formatVersion`.
    case domain(formatVersion: Int, bytes: Data)
    /// A persistent domain value found by a lookup and left on disk until needed; read it with
    /// `CacheStore.readPayload(for:)`.
    case domainOnDisk(formatVersion: Int)
}

/// A scalar value in the entry's JSON header.
indirect enum StoredScalar: Codable, Equatable {
    case int(Int)
    case float(Double)
    case string(String)
    case bool(Bool)
    case list([StoredScalar])

    init?(_ value: Value) {
        switch value {
        case .int(let number): self = .int(number)
        case .float(let number): self = .float(number)
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .bool(flag)
        case .list(let elements):
            var stored: [StoredScalar] = []
            for element in elements {
                guard let scalar = StoredScalar(element) else { return nil }
                stored.append(scalar)
            }
            self = .list(stored)
        case .domain: return nil
        }
    }

    var value: Value {
        switch self {
        case .int(let number): .int(number)
        case .float(let number): .float(number)
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .list(let elements): .list(elements.map(\.value))
        }
    }
}

/// The JSON header of an entry file.
struct EntryHeader: Codable {
    var key: String
    var display: DisplayValue?
    var scalar: StoredScalar?
    /// The domain payload's format version; nil when the entry has no domain payload.
    var domainFormat: Int?
}
