extension DisplayValue {
    /// Why a record's display value cannot be read: its `kind` is none nb writes.
    static func unknownKind(_ kind: String) -> String {
        "unknown display kind '\(kind)'"
    }
}
