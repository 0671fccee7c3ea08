/// What identifies a statement from one run to the next, whatever moved around it: the name it
/// binds, or for a displayed expression its text without spaces and how many identical ones come
/// before it. Seeds derive from it, and the last run's record is matched by it.
enum StatementIdentity {
    /// The identity of a statement binding `binding` (or displaying `source`), counting identical
    /// displayed expressions in `occurrences`.
    static func of(binding: String?, source: String, occurrences: inout [String: Int]) -> String {
        if let binding { return "bind:" + binding }
        let text = String(source.unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\n" })
        let occurrence = occurrences[text, default: 0]
        occurrences[text] = occurrence + 1
        return "show:\(text)#\(occurrence)"
    }
}
