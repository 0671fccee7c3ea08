import Notebook

/// What identifies a statement from one run to the next, whatever moved around it: the name it
/// binds, or for a displayed expression its text without spaces and how many identical ones come
/// before it; for a member of a lifted statement, also its point (`beta=4.0, seed=2`). Seeds
/// derive from the statement's identity without the point, and the last run's record is matched
/// by the whole identity.
enum StatementIdentity {
    /// The identity of a statement binding `binding` (or displaying `source`), counting identical
    /// displayed expressions in `occurrences`; the members of one lifted statement count once, as
    /// the first (`member` nil, or the grid's first point, named `first`).
    static func of(
        binding: String?, source: String, member: String? = nil, first: Bool = true,
        occurrences: inout [String: Int]
    ) -> String {
        let suffix = member.map { " @ " + $0 } ?? ""
        if let binding { return "bind:" + binding + suffix }
        let text = String(source.unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\n" })
        let occurrence = occurrences[text, default: 0]
        if first { occurrences[text] = occurrence + 1 }
        return "show:\(text)#\(first ? occurrence : occurrence - 1)" + suffix
    }
}

extension StatementIdentity {
    /// The identities of a run record's statements, in order; the members of a lifted statement
    /// follow one another at one range, the first of them counting the statement's text.
    static func of(_ records: [StatementRecord]) -> [String] {
        var occurrences: [String: Int] = [:]
        var lastRange: SourceRange?
        return records.map { statement in
            let first = statement.member == nil || statement.range != lastRange
            lastRange = statement.range
            return of(
                binding: statement.binding, source: statement.source, member: statement.member, first: first,
                occurrences: &occurrences)
        }
    }
}
