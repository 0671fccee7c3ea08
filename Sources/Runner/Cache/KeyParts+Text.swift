extension KeyParts.Part {
    /// The part's value as `--plan` and the record write it: `0.001`, `"train"`, `list of 3`.
    public var valueText: String {
        switch self {
        case .operation(_, let name, _): name
        case .argument(_, let value): value.keyText
        case .list(_, let count): "list of \(count)"
        case .reference(_, let key): key ?? "?"
        case .file(_, _, let sha256): sha256 ?? "unreadable"
        case .filesNotFound: "not found"
        case .seed(_, let seed): String(seed)
        case .lineage(let name): name
        }
    }
}
