import Foundation

/// The snapshots a resumable statement saves after each step (a training's epochs), kept in the
/// cache under its lineage key: the statement's key without the resumable argument.
///
/// Each step has a *result*, what the statement's value would be had it stopped there (a fit's
/// weights and history), and the lineage's latest step also has a *state*, what continuing needs
/// besides the result (the optimiser's moments, the random generators). A longer run continues
/// from the longest step with both; a shorter one takes its step's result as it is. Older states
/// are deleted when a newer one is written, so a lineage keeps one state and a result per step.
/// Both are ordinary cache entries, written atomically and checked by checksum.
public struct SnapshotStore: Sendable {
    /// The cache the snapshots live in.
    public let cache: CacheStore
    /// The lineage they belong to.
    public let lineage: CacheKey

    /// The snapshots of `lineage` in `cache`.
    public init(cache: CacheStore, lineage: CacheKey) {
        self.cache = cache
        self.lineage = lineage
    }

    /// Where a run of `target` steps can start: `.exact` when step `target`'s result is stored,
    /// `.continuing(from:)` the longest shorter step with a result and a state, nil to start over.
    public func resumePoint(for target: Int) -> ResumePoint? {
        if has(.result, step: target) { return .exact(target) }
        var step = target - 1
        while step >= 1 {
            if has(.state, step: step), has(.result, step: step) { return .continuing(from: step) }
            step -= 1
        }
        return nil
    }

    /// The result saved after step `step`.
    public func result(step: Int) throws -> Data {
        try cache.readPayload(for: key(.result, step: step))
    }

    /// The state saved after step `step`.
    public func state(step: Int) throws -> Data {
        try cache.readPayload(for: key(.state, step: step))
    }

    /// Saves step `step`'s result and state, then deletes the states of earlier steps; a failed
    /// write says which of the two it was.
    public func save(result: Data, state: Data, step: Int) throws(SnapshotWriteError) {
        for (kind, bytes) in [(Kind.result, result), (Kind.state, state)] {
            do {
                try cache.store(
                    CacheEntry(display: nil, payload: .domain(formatVersion: 1, bytes: bytes)),
                    for: key(kind, step: step))
            } catch {
                throw SnapshotWriteError(part: kind.part, reason: "\(error)")
            }
        }
        var earlier = step - 1
        while earlier >= 1 {
            try? FileManager.default.removeItem(at: url(.state, step: earlier))
            earlier -= 1
        }
    }

    /// The keys of step `step`'s result and state, whether stored or not.
    public func keys(step: Int) -> [CacheKey] {
        [key(.result, step: step), key(.state, step: step)]
    }

    /// The two parts of a step's snapshot.
    enum Kind: String {
        case result, state
    }

    private func has(_ kind: Kind, step: Int) -> Bool {
        if case .hit = cache.load(key(kind, step: step)) { return true }
        return false
    }

    /// The entry file of `kind` for step `step`.
    func url(_ kind: Kind, step: Int) -> URL {
        cache.url(for: key(kind, step: step))
    }

    private func key(_ kind: Kind, step: Int) -> CacheKey {
        var builder = KeyBuilder()
        builder.add(lineage)
        builder.add("snapshot " + kind.rawValue)
        builder.add(UInt64(step))
        return builder.finalize()
    }
}

/// Where a resumable statement starts.
public enum ResumePoint: Hashable, Sendable {
    /// A snapshot of exactly the steps asked for: nothing to compute.
    case exact(Int)
    /// Continue after this many steps.
    case continuing(from: Int)

    /// The number of steps already done.
    public var step: Int {
        switch self {
        case .exact(let step), .continuing(let step): step
        }
    }
}
