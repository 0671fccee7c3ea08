/// Why a statement runs instead of coming from the cache; `description` is the one place the
/// text is written, and `short` the few words a terminal line and a report badge show.
public enum RunReason: Hashable, Sendable, Codable, CustomStringConvertible {
    /// No earlier run had this statement.
    case new
    /// An argument written in the cell changed.
    case argumentChanged(name: String, old: String, new: String)
    /// An argument of a call nested in the statement changed: `name` of `operation` on `line`.
    case callArgumentChanged(name: String, operation: String, line: Int, old: String, new: String)
    /// A parameter the statement uses changed value: by `--set` when `bySet`, else its
    /// front-matter default.
    case parameterChanged(name: String, old: String, new: String, bySet: Bool)
    /// A statement it reads changed, so its value will be new.
    case inputChanged(name: String, line: Int)
    /// An operation it calls changed version, so its results are computed differently now.
    case operationVersionChanged(operation: String, old: String, new: String)
    /// The operation it calls is another one now.
    case operationChanged(old: String, new: String)
    /// The bytes of a file it reads changed.
    case fileChanged(path: String)
    /// Its seed changed (the notebook's seed).
    case seedChanged
    /// Its key is the one of the last run, but its cache entry is missing.
    case entryMissing
    /// Its cache entry exists but cannot be used.
    case entryDamaged(reason: String)
    /// It acts outside the notebook (writes a file), so it runs every time.
    case sideEffects
    /// `--fresh` asked to ignore the cache.
    case fresh
    /// Its result is cached, but a statement that runs needs its value and the cache keeps only
    /// its summary.
    case valueNeeded(by: String, line: Int)
    /// It changed in a way the last run's record cannot explain (the record is from an older nb).
    case keyChanged

    /// The whole reason, as `--plan` prints it.
    public var description: String {
        switch self {
        case .new: "it is new"
        case .argumentChanged(let name, let old, let new): "argument '\(name)' changed (\(old) → \(new))"
        case .callArgumentChanged(let name, let operation, let line, let old, let new):
            "argument '\(name)' of \(operation) (line \(line)) changed (\(old) → \(new))"
        case .parameterChanged(let name, let old, let new, let bySet):
            bySet ? "--set \(name) changed (\(old) → \(new))" : "parameter '\(name)' changed (\(old) → \(new))"
        case .inputChanged(let name, let line): "the statement it reads ('\(name)', line \(line)) changed"
        case .operationVersionChanged(let operation, let old, let new):
            "operation '\(operation)''s version changed (\(old) → \(new))"
        case .operationChanged(let old, let new): "it calls '\(new)' instead of '\(old)'"
        case .fileChanged(let path): "input file \(path) changed"
        case .seedChanged: "its seed changed"
        case .entryMissing: "its cache entry is missing"
        case .entryDamaged(let reason): "its cache entry is damaged (\(reason))"
        case .sideEffects: "it always runs (it writes outside the notebook)"
        case .fresh: "--fresh ignores the cache"
        case .valueNeeded(let name, let line): "'\(name)' (line \(line)) needs its value, which the cache does not keep"
        case .keyChanged: "its inputs changed"
        }
    }

    /// A few words for a terminal line or a badge: `lr changed`, `new`, `data changed`.
    public var short: String {
        switch self {
        case .new: "new"
        case .argumentChanged(let name, _, _): "\(name) changed"
        case .callArgumentChanged(let name, let operation, _, _, _): "\(operation) \(name) changed"
        case .parameterChanged(let name, _, _, let bySet): bySet ? "--set \(name)" : "\(name) changed"
        case .inputChanged(let name, _): "\(name) changed"
        case .operationVersionChanged(let operation, _, _): "\(operation) updated"
        case .operationChanged: "new operation"
        case .fileChanged: "data changed"
        case .seedChanged: "seed changed"
        case .entryMissing: "not cached"
        case .entryDamaged: "cache damaged"
        case .sideEffects: "always runs"
        case .fresh: "--fresh"
        case .valueNeeded: "value needed"
        case .keyChanged: "inputs changed"
        }
    }
}
