extension Constraint {
    /// The requirement as messages word it: `in 1...1000`, `> 0`, `one of "train", "test"`.
    public var requirement: String {
        switch self {
        case .oneOf(let allowed):
            return "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", ")
        case .nonEmpty:
            return "a non-empty string"
        case .range(let lower?, true, let upper?, true):
            return "in \(Self.format(lower))...\(Self.format(upper))"
        case .range(let lower, let lowerInclusive, let upper, let upperInclusive):
            var parts: [String] = []
            if let lower { parts.append((lowerInclusive ? ">= " : "> ") + Self.format(lower)) }
            if let upper { parts.append((upperInclusive ? "<= " : "< ") + Self.format(upper)) }
            return parts.isEmpty ? "any number" : parts.joined(separator: " and ")
        }
    }
}
