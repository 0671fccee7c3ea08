/// A problem in a cell's syntax; `description` is the one place its text is written.
public enum ScriptError: Error, Hashable, DiagnosticMessage {
    /// A character that starts no token.
    case unexpectedCharacter(String)
    /// A default-ignorable character (a zero-width joiner, a filler) outside a string: it shows
    /// nothing, so the code would not read as what it is.
    case invisibleCharacter(Unicode.Scalar)
    /// A string literal with no closing quote on its line.
    case unterminatedString
    /// A backslash escape other than `\"`, `\\`, `\n`, `\t`.
    case invalidEscape(String)
    /// A number that does not follow the literal syntax (`1.`, `1e`, `12ab`).
    case malformedNumber(String)
    /// An integer literal too large for a 64-bit integer.
    case integerOverflow(String)
    /// An expression was expected at a token that cannot start one.
    case expectedExpression(found: String)
    /// A bracket was opened and not closed before the statement ended.
    case unclosedBracket(String, opened: SourceLocation)
    /// A token after a complete statement on the same line.
    case expectedEndOfStatement(found: String)
    /// `-` not followed by a number.
    case minusWithoutNumber
    /// `x = ` with something other than a name on the left.
    case assignmentToExpression
    /// Two arguments or list elements without a comma between them.
    case expectedComma(closing: String, found: String)
    /// Calls and lists nested deeper than `limit`.
    case nestingTooDeep(limit: Int)

    /// The message, saying what is wrong and how to fix it.
    public var description: String {
        switch self {
        case .unexpectedCharacter(let character):
            "unexpected character \(Self.quoted(character))"
        case .invisibleCharacter(let scalar):
            "invisible character \(Self.codePoint(scalar)) \(scalar.properties.name ?? "(unnamed)"): it shows "
                + "nothing, so the code would not read as what it is; delete it"
        case .unterminatedString:
            "unterminated string; add a closing '\"' on the same line"
        case .invalidEscape(let escape):
            "invalid escape '\\\(escape)' in string; use \\\", \\\\, \\n or \\t"
        case .malformedNumber(let text):
            "malformed number '\(text)'; write numbers like 3, 0.001 or 1e-3"
        case .integerOverflow(let text):
            "integer literal '\(text)' is too large"
        case .expectedExpression(let found):
            "expected an expression, found \(found)"
        case .unclosedBracket(let bracket, let opened):
            "'\(bracket)' opened at \(opened) is never closed; add '\(Self.closing(of: bracket))'"
        case .expectedEndOfStatement(let found):
            "expected the end of the statement, found \(found); put each statement on its own line"
        case .minusWithoutNumber:
            "'-' must be followed by a number; there is no arithmetic in cells"
        case .assignmentToExpression:
            "only a name can be bound: write 'name = expression'"
        case .expectedComma(let closing, let found):
            "expected ',' or '\(closing)', found \(found)"
        case .nestingTooDeep(let limit):
            "calls and lists are nested more than \(limit) deep here; bind the inner parts to names first"
        }
    }

    /// `'é'` for a character that shows, `U+001B` for one that does not (controls, spaces,
    /// joiners, unassigned code points), so the terminal never receives a raw control byte.
    private static func quoted(_ character: String) -> String {
        let scalars = character.unicodeScalars
        let visible = scalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator,
                .paragraphSeparator:
                false
            default: true
            }
        }
        if visible { return "'\(character)'" }
        return scalars.map(codePoint).joined(separator: " ")
    }

    /// `U+200D`: at least four hex digits.
    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(4 - hex.count, 0)) + hex
    }

    private static func closing(of bracket: String) -> String {
        bracket == "(" ? ")" : "]"
    }
}
