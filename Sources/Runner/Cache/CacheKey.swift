import Foundation

/// A stable hash naming a statement's result: of its `KeyParts` (the operation's name and
/// version, its argument values, the keys of the values it reads, the digests of the files it
/// reads, and its seed when it uses randomness).
///
/// It covers what changes a result and nothing else (knitr's rule): reformatting a line or
/// moving a statement does not change its key; editing an argument does, and so the key of
/// everything downstream.
public struct CacheKey: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes of the SHA-256 digest.
    public let bytes: [UInt8]

    /// Wraps a digest.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Lower-case hex, used as the cache file's name and in the run record.
    public var description: String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

/// Feeds typed, length-prefixed fields into SHA-256, so that no two different field sequences
/// give the same bytes.
public struct KeyBuilder: Sendable {
    private var hasher = SHA256()

    /// Bumped when the way keys are built changes, so old cache entries are not reused.
    static let scheme = "nb-key-2"

    /// Starts a key.
    public init() {
        add(Self.scheme)
    }

    /// Adds a string field.
    public mutating func add(_ text: String) {
        let bytes = Array(text.utf8)
        hasher.update([0x73] + Self.bigEndian(UInt64(bytes.count)) + bytes)
    }

    /// Adds an integer field.
    public mutating func add(_ number: UInt64) {
        hasher.update([0x75] + Self.bigEndian(number))
    }

    /// Adds another key.
    public mutating func add(_ key: CacheKey) {
        hasher.update([0x6b] + key.bytes)
    }

    /// The key of everything added.
    public mutating func finalize() -> CacheKey {
        CacheKey(bytes: hasher.finalize())
    }

    private static func bigEndian(_ number: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: number >> (56 - 8 * UInt64($0))) }
    }
}
