/// The operations a notebook can call, by name.
public struct Registry: Sendable {
    /// The operations, in the order given.
    public let operations: [OperationSpec]
    private let byName: [String: OperationSpec]

    /// Creates a registry; a later operation with an already used name replaces the earlier.
    public init(_ operations: [OperationSpec]) {
        self.operations = operations
        self.byName = Dictionary(operations.map { ($0.name, $0) }, uniquingKeysWith: { _, later in later })
    }

    /// The operation called `name`, if any.
    public func operation(named name: String) -> OperationSpec? {
        byName[name]
    }

    /// All operation names, sorted, for did-you-mean suggestions.
    public var names: [String] { byName.keys.sorted() }

    /// What `nb --list-ops` prints: each signature, then its doc indented, sorted by name.
    public func listing() -> String {
        operations.sorted { $0.name < $1.name }.map { "\($0.signature)\n    \($0.doc)\n" }.joined()
    }
}
