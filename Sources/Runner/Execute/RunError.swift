/// A problem while running, reported on a statement or as a warning; `description` is the one
/// place its text is written.
public enum RunError: Error, Hashable, CustomStringConvertible {
    /// A statement was not run because one it reads failed or was skipped.
    case inputDidNotRun(name: String, line: Int, status: StatementStatus?)
    /// A statement was not started because the user asked the run to stop.
    case stopped
    /// A statement was stopped midway by Ctrl-C.
    case interrupted(at: String, kept: String?)
    /// A value the executor should have had was missing: a bug in the runner.
    case missingValue(statement: Int)
    /// A cache entry exists but cannot be used.
    case unusableCacheEntry(line: Int, reason: String)
    /// A cache entry could not be written; the run goes on.
    case cacheWriteFailed(line: Int, reason: String)
    /// A call would have written over the notebook, a file the run reads, or the cache.
    case refusedWrite(path: String, protected: WriteGuard.Protected)
    /// A cached value's bytes did not decode as its type; part of an unusable-entry warning.
    case undecodable(type: String, reason: String)

    /// The message.
    public var description: String {
        switch self {
        case .inputDidNotRun(let name, let line, let status):
            "not run: it reads '\(name)' (line \(line)), which "
                + (status == .failed ? "failed" : status == .interrupted ? "was interrupted" : "was not run either")
        case .stopped:
            "not run: the run was stopped (Ctrl-C) before it started"
        case .interrupted(let at, let kept?):
            "interrupted at \(at); kept \(kept), and the next run resumes from it"
        case .interrupted(let at, nil):
            "interrupted at \(at); nothing was finished to keep, so the next run starts it over"
        case .missingValue(let statement):
            "internal error: the value of statement \(statement + 1) is missing; please report this"
        case .unusableCacheEntry(let line, let reason):
            "the cached result for line \(line) cannot be used: \(reason); recomputing it"
        case .refusedWrite(let path, let protected):
            "refused to write '\(path)': it is \(protected), which nb never writes over; choose another path"
        case .undecodable(let type, let reason):
            "its \(type) cannot be decoded (\(reason))"
        case .cacheWriteFailed(let line, let reason):
            "could not cache the result of line \(line): \(reason); the next run will recompute it"
        }
    }
}
