/// One lexical unit of a cell: a name, a literal, a punctuation mark or a line end.
public struct Token: Hashable, Sendable {
    /// What kind of token this is.
    public enum Kind: Hashable, Sendable {
        /// A name: a letter (of any script) or `_`, then letters, digits and `_`; `true` and `false` too.
        case identifier
        /// An integer literal; `text` holds its digits.
        case integer
        /// A floating-point literal (`0.001`, `1e-3`); `text` holds it as written.
        case float
        /// A string literal; `text` holds its value with escapes resolved.
        case string
        /// `=`
        case equals
        /// `(`
        case leftParen
        /// `)`
        case rightParen
        /// `[`
        case leftBracket
        /// `]`
        case rightBracket
        /// `,`
        case comma
        /// `:`
        case colon
        /// `-`, only meaningful before a number.
        case minus
        /// The end of a line, which ends a statement outside brackets.
        case newline
        /// The end of the cell.
        case end
        /// Characters the lexer could not read; a diagnostic was already reported.
        case invalid
    }

    /// What kind of token this is.
    public var kind: Kind
    /// The token's text (for strings, the value).
    public var text: String
    /// Where the token is in the .md file.
    public var range: SourceRange

    /// Creates a token.
    public init(kind: Kind, text: String, range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

}
