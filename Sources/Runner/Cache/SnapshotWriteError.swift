/// A snapshot's result or state could not be written; `description` completes "could not save
/// the snapshot of epoch 3 (…)", naming the part so that the file in the reason is known as that
/// part's entry, not the statement's.
public struct SnapshotWriteError: Error, Equatable, CustomStringConvertible {
    /// `"result"` or `"state for continuing"`.
    public let part: String
    /// Why the cache could not store it, with the entry's file.
    public let reason: String

    /// The message.
    public var description: String {
        "its \(part) was not written: \(reason)"
    }
}

extension SnapshotStore.Kind {
    /// The part's name in messages.
    var part: String { self == .result ? "result" : "state for continuing" }
}
