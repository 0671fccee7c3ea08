import Foundation
import Notebook

/// The machine-readable account of one run, written as `Output/<notebook>.json`: what each
/// statement did, how long it took and what it displayed. The report renders the same record.
public struct RunRecord: Hashable, Sendable, Codable {
    /// The notebook's path as given on the command line.
    public var notebook: String
    /// The front matter's title, if any.
    public var title: String?
    /// The notebook seed every statement seed derives from.
    public var seed: UInt64
    /// The parameters with the values this run used.
    public var parameters: [Parameter]
    /// One entry per statement, in document order.
    public var statements: [StatementRecord]
    /// When the run started, ISO 8601.
    public var startedAt: String
    /// The whole run's wall-clock time.
    public var seconds: Double
    /// The last run of the notebook, which the report compares this one with; nil for a first run
    /// and in records written before it was kept.
    public var previous: PreviousRun?

    /// Creates a record.
    public init(
        notebook: String, title: String?, seed: UInt64, parameters: [Parameter], statements: [StatementRecord],
        startedAt: String, seconds: Double, previous: PreviousRun? = nil
    ) {
        self.previous = previous
        self.notebook = notebook
        self.title = title
        self.seed = seed
        self.parameters = parameters
        self.statements = statements
        self.startedAt = startedAt
        self.seconds = seconds
    }

    /// Whether a statement was interrupted by Ctrl-C.
    public var wasInterrupted: Bool {
        statements.contains { $0.status == .interrupted }
    }

    /// Whether every statement ran or was cached.
    public var succeeded: Bool {
        statements.allSatisfy { $0.status == .ran || $0.status == .cached }
    }

    /// The record as pretty-printed JSON with sorted keys; NaN and infinities become strings.
    public func jsonData() throws -> Data {
        try RecordJSON.encoder(pretty: true).encode(self)
    }

    /// Reads a record written by `jsonData()`.
    public static func decode(_ data: Data) throws -> RunRecord {
        try RecordJSON.decoder().decode(RunRecord.self, from: data)
    }

    /// A parameter's value in this run.
    public struct Parameter: Hashable, Sendable, Codable {
        /// The parameter's name.
        public var name: String
        /// Its type, as written in signatures.
        public var type: String
        /// The value used, as a notebook literal.
        public var value: String
        /// Whether `--set` replaced the front matter's default.
        public var overridden: Bool

        /// Creates a parameter entry.
        public init(name: String, type: String, value: String, overridden: Bool) {
            self.name = name
            self.type = type
            self.value = value
            self.overridden = overridden
        }
    }
}

/// What happened to a statement in a run.
public enum StatementStatus: String, Hashable, Sendable, Codable {
    /// Computed in this run.
    case ran
    /// Taken from the cache (or not needed, its cached summary shown).
    case cached
    /// Threw an error.
    case failed
    /// Not run because a statement it depends on failed, or the run was stopped first.
    case skipped
    /// Stopped midway by Ctrl-C; what it had finished is kept for the next run.
    case interrupted
}

/// One statement's entry in the run record.
public struct StatementRecord: Hashable, Sendable, Codable {
    /// The statement's number in document order, from 0.
    public var index: Int
    /// The cell it is in, from 0; nil for an expression computed into the prose (records
    /// written before said -1, which reads as a cell of its own).
    public var cell: Int?
    /// Its position in the .md file.
    public var range: SourceRange
    /// Its source text.
    public var source: String
    /// The name it binds, or nil for a displayed expression.
    public var binding: String?
    /// What happened to it.
    public var status: StatementStatus
    /// Whether its result came from the cache.
    public var cacheHit: Bool
    /// Time spent on it in this run (loading, for a cache hit).
    public var seconds: Double
    /// The seed its randomness was drawn from.
    public var seed: UInt64
    /// Its cache key, hex.
    public var key: String
    /// What it displays: its value's summary.
    public var display: DisplayValue?
    /// Why it failed or was skipped.
    public var message: String?
    /// What its operations or the cache warned about during this run.
    public var warnings: [String]
    /// Why it ran instead of coming from the cache; nil when cached.
    public var reason: RunReason?
    /// After how many steps (epochs) a resumable statement continued from its snapshot.
    public var resumedFrom: Int?
    /// What its key is made of, for explaining the next run's changes.
    public var keyParts: KeyParts?
    /// The files it reads, with where they were found and their digests.
    public var inputs: [InputFileRecord]?
    /// Its value's type as signatures write it (`Int`, `Float`, `Fit`), so the report can format
    /// a number quoted in the prose as a number; nil in records written before it was kept.
    public var type: String?
    /// `type` as the scalar type it names (`Int`, `Float`, `String`, `Bool`), read by the type's
    /// own name so other modules need not spell it; nil for other types and older records.
    public var scalarType: ValueType? {
        [ValueType.int, .float, .string, .bool].first { $0.description == type }
    }
    /// The key a resumable statement's snapshots are kept under (its lineage), hex, so that
    /// `nb --prune` keeps them; nil for other statements and in records written before it was kept.
    public var lineage: String?
    /// For a member of a lifted statement, its point (`beta=4.0, seed=2`); nil otherwise.
    public var member: String?
    /// For a member of a lifted statement, the statement's type lifted over its sweep
    /// (`Fit ×8 (beta 4 × seed 2)`), while `type` is one member's; nil otherwise.
    public var lifted: String?

    /// Creates a statement entry.
    public init(
        index: Int, cell: Int?, range: SourceRange, source: String, binding: String?, status: StatementStatus,
        cacheHit: Bool, seconds: Double, seed: UInt64, key: String, display: DisplayValue?, message: String?,
        warnings: [String] = [], reason: RunReason? = nil, resumedFrom: Int? = nil, keyParts: KeyParts? = nil,
        inputs: [InputFileRecord]? = nil, type: String? = nil, lineage: String? = nil, member: String? = nil,
        lifted: String? = nil
    ) {
        self.member = member
        self.lifted = lifted
        self.index = index
        self.cell = cell
        self.range = range
        self.source = source
        self.binding = binding
        self.status = status
        self.cacheHit = cacheHit
        self.seconds = seconds
        self.seed = seed
        self.key = key
        self.display = display
        self.message = message
        self.warnings = warnings
        self.reason = reason
        self.resumedFrom = resumedFrom
        self.keyParts = keyParts
        self.inputs = inputs
        self.type = type
        self.lineage = lineage
    }
}
