/// How messages name a token.
extension Token {
    /// How messages quote the token: `'x'`, `end of line`, `end of cell`.
    public var quoted: String {
        switch kind {
        case .newline: "end of line"
        case .end: "end of cell"
        case .string: "string \"\(text)\""
        default: "'\(text)'"
        }
    }
}
