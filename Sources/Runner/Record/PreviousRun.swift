import Foundation

/// The last run of a notebook, as the next run's record keeps it so that its report can say what
/// changed: when it ran, its parameters, and each statement's identity, place and displayed value.
///
/// It is taken from the record the run is about to replace (`Output/<notebook>.json`), so the
/// report needs nothing but its own record. A run stopped by Ctrl-C is passed over: a run after it
/// compares with the run before it, whose results are whole.
public struct PreviousRun: Hashable, Sendable, Codable {
    /// When the last run started, ISO 8601.
    public var startedAt: String
    /// The parameters with the values the last run used.
    public var parameters: [RunRecord.Parameter]
    /// One entry per statement of the last run, in its document order.
    public var statements: [Statement]

    /// A statement of the last run.
    public struct Statement: Hashable, Sendable, Codable {
        /// What matches it with a statement of this run (`StatementIdentity`): the name it binds,
        /// or its text and how many identical ones came before it, and its sweep point.
        public var identity: String
        /// Its first line in the last run's .md file.
        public var line: Int
        /// Its source text.
        public var source: String
        /// For a member of a lifted statement, its point (`beta=4.0, seed=2`).
        public var member: String?
        /// What it displayed, for a displayed expression that produced a value; each figure's image
        /// is its digest (`DisplayValue.comparable`), so the record does not hold every image twice.
        public var display: DisplayValue?

        /// Creates an entry.
        public init(identity: String, line: Int, source: String, member: String? = nil, display: DisplayValue?) {
            self.identity = identity
            self.line = line
            self.source = source
            self.member = member
            self.display = display
        }
    }

    /// Creates a previous run.
    public init(startedAt: String, parameters: [RunRecord.Parameter], statements: [Statement]) {
        self.startedAt = startedAt
        self.parameters = parameters
        self.statements = statements
    }

    /// The run `record` describes, or, when Ctrl-C stopped it, the run it compared with (nil if none).
    public static func of(_ record: RunRecord) -> PreviousRun? {
        if record.wasInterrupted { return record.previous }
        let identities = StatementIdentity.of(record.statements)
        return PreviousRun(
            startedAt: record.startedAt, parameters: record.parameters,
            statements: zip(record.statements, identities).map { statement, identity in
                let shown = statement.binding == nil && (statement.status == .ran || statement.status == .cached)
                return Statement(
                    identity: identity, line: statement.range.start.line, source: statement.source,
                    member: statement.member, display: shown ? statement.display?.comparable : nil)
            })
    }
}

extension DisplayValue {
    /// The value as a later run compares with it: each figure's image replaced by the SVG text
    /// `sha256:<hex>` of its bytes, so an image that changed still compares unequal.
    public var comparable: DisplayValue {
        switch self {
        case .text, .table: return self
        case .list(let items): return .list(items.map(\.comparable))
        case .figure(var figure):
            let bytes: Data
            switch figure.image {
            case .png(let data): bytes = data
            case .svg(let text): bytes = Data(text.utf8)
            }
            figure.image = .svg("sha256:" + SHA256.hash(bytes).map { String(format: "%02x", $0) }.joined())
            return .figure(figure)
        }
    }
}
