import Foundation

/// A fast 64-bit checksum of a cache entry's bytes, to catch truncated or damaged files.
///
/// SHA-256 names entries, but hashing a model's megabytes with it takes seconds in a debug
/// build; detecting accidental damage needs no cryptographic strength, so entries use this
/// multiply-xorshift hash over 8-byte words instead.
enum Checksum {
    /// The checksum of `data`.
    static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { buffer in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(buffer.count)
            let words = buffer.count / 8
            for index in 0..<words {
                let word = buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                hash = mix(hash ^ word)
            }
            var tail: UInt64 = 0
            for index in (words * 8)..<buffer.count {
                tail = (tail << 8) | UInt64(buffer[index])
            }
            return mix(hash ^ tail ^ 0xFF)
        }
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        z = z &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}
