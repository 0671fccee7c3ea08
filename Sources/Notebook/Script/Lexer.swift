/// Splits a cell's code into tokens, with positions in the .md file.
///
/// It never fails: characters it cannot read become `.invalid` tokens with a diagnostic, so the
/// parser still sees the rest of the cell and every problem is reported at once.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line: Int
    private var column: Int
    /// The problems found so far.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates a lexer for `code` whose first character is at `line`, `column` of the .md file;
    /// later lines of `code` start at column 1.
    public init(code: String, line: Int, column: Int = 1) {
        self.scalars = Array(code.unicodeScalars)
        self.line = line
        self.column = column
    }

    /// Tokenizes `code`, returning its tokens (ending with `.end`) and the problems found.
    public static func tokenize(
        _ code: String, line: Int, column: Int = 1
    ) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(code: code, line: line, column: column)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .end { break }
        }
        return (tokens, lexer.diagnostics)
    }

    /// The next token; `.end` at the end of the code, and again if called after it.
    public mutating func next() -> Token {
        skipSpacesAndComments()
        let start = location
        guard let scalar = peek() else { return Token(kind: .end, text: "", range: SourceRange(at: start)) }
        if scalar == "\n" {
            advance()
            return Token(kind: .newline, text: "\n", range: SourceRange(start: start, end: location))
        }
        if let kind = Self.punctuation[scalar] {
            advance()
            return Token(kind: kind, text: String(scalar), range: SourceRange(start: start, end: location))
        }
        if Self.isIdentifierStart(scalar) || Self.isInvisible(scalar) { return identifier(from: start) }
        if Self.isDigit(scalar) { return number(from: start) }
        if scalar == "\"" { return string(from: start) }
        advance()
        let range = SourceRange(start: start, end: location)
        diagnostics.append(Diagnostic(ScriptError.unexpectedCharacter(String(scalar)), at: range))
        return Token(kind: .invalid, text: String(scalar), range: range)
    }

    private static let punctuation: [Unicode.Scalar: Token.Kind] = [
        "=": .equals, "(": .leftParen, ")": .rightParen, "[": .leftBracket, "]": .rightBracket,
        ",": .comma, ":": .colon, "-": .minus,
    ]

    private var location: SourceLocation { SourceLocation(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        let scalar = scalars[index]
        index += 1
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private mutating func skipSpacesAndComments() {
        while let scalar = peek() {
            // `SourceFile` already split lines at every `\r`, `\r\n` and `\n`, so a `\r` here is
            // in code built elsewhere (a `--set` value): blank, as in a terminal.
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                advance()
            } else if scalar == "#" {
                while let next = peek(), next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    /// A name; an invisible character in it is reported where it is and makes the whole name
    /// invalid, so `x\u{200D}` never becomes a second `x` that reads the same.
    private mutating func identifier(from start: SourceLocation) -> Token {
        var text = ""
        var hasInvisible = false
        while let scalar = peek(), Self.isIdentifierContinue(scalar) || Self.isInvisible(scalar) {
            if Self.isInvisible(scalar) {
                hasInvisible = true
                let at = location
                advance()
                let range = SourceRange(start: at, end: location)
                diagnostics.append(Diagnostic(ScriptError.invisibleCharacter(scalar), at: range))
            } else {
                advance()
            }
            text.unicodeScalars.append(scalar)
        }
        let range = SourceRange(start: start, end: location)
        return Token(kind: hasInvisible ? .invalid : .identifier, text: text, range: range)
    }

    /// Digits, then an optional fraction and exponent; letters glued on make it malformed.
    private mutating func number(from start: SourceLocation) -> Token {
        var text = ""
        var isFloat = false
        var malformed = false
        func takeDigits() -> Int {
            var count = 0
            while let scalar = peek(), Self.isDigit(scalar) || scalar == "_" {
                if scalar != "_" { text.unicodeScalars.append(scalar) }
                count += 1
                advance()
            }
            return count
        }
        _ = takeDigits()
        if peek() == "." {
            isFloat = true
            text += "."
            advance()
            if takeDigits() == 0 { malformed = true }
        }
        if let scalar = peek(), scalar == "e" || scalar == "E" {
            isFloat = true
            text += "e"
            advance()
            if let sign = peek(), sign == "+" || sign == "-" {
                text.unicodeScalars.append(sign)
                advance()
            }
            if takeDigits() == 0 { malformed = true }
        }
        while let scalar = peek(), Self.isIdentifierContinue(scalar) || scalar == "." {
            text.unicodeScalars.append(scalar)
            malformed = true
            advance()
        }
        let range = SourceRange(start: start, end: location)
        if malformed {
            diagnostics.append(Diagnostic(ScriptError.malformedNumber(text), at: range))
            return Token(kind: .invalid, text: text, range: range)
        }
        if !isFloat, Int(text) == nil {
            diagnostics.append(Diagnostic(ScriptError.integerOverflow(text), at: range))
            return Token(kind: .invalid, text: text, range: range)
        }
        return Token(kind: isFloat ? .float : .integer, text: text, range: range)
    }

    /// A double-quoted string on one line, with `\"`, `\\`, `\n` and `\t` escapes.
    private mutating func string(from start: SourceLocation) -> Token {
        advance()
        var value = ""
        while let scalar = peek() {
            if scalar == "\n" { break }
            if scalar == "\"" {
                advance()
                return Token(kind: .string, text: value, range: SourceRange(start: start, end: location))
            }
            if scalar == "\\" {
                let escapeStart = location
                advance()
                guard let escaped = peek(), escaped != "\n" else { break }
                advance()
                switch escaped {
                case "\"": value += "\""
                case "\\": value += "\\"
                case "n": value += "\n"
                case "t": value += "\t"
                default:
                    let range = SourceRange(start: escapeStart, end: location)
                    diagnostics.append(Diagnostic(ScriptError.invalidEscape(String(escaped)), at: range))
                }
                continue
            }
            value.unicodeScalars.append(scalar)
            advance()
        }
        let range = SourceRange(start: start, end: location)
        diagnostics.append(Diagnostic(ScriptError.unterminatedString, at: range))
        return Token(kind: .invalid, text: value, range: range)
    }

    /// Whether `text` is a name as cells write them: a letter or `_`, then letters, digits and `_`.
    public static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isIdentifierStart(first) else { return false }
        return text.unicodeScalars.allSatisfy(isIdentifierContinue)
    }

    /// Letters of any script start a name, as in Swift and Python (`λ`, `数据`): Unicode's
    /// XID_Start, plus `_`, without the default-ignorable ones (UAX #31's profile for names that
    /// must read as what they are: `ㅤ`, U+3164 HANGUL FILLER, is a letter that shows nothing).
    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.properties.isXIDStart && !isInvisible(scalar))
    }

    /// XID_Continue (letters, digits, combining marks and `_`), without the default-ignorable
    /// ones (joiners, variation selectors, fillers).
    private static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isXIDContinue && !isInvisible(scalar)
    }

    /// Default-ignorable code points: a text shows nothing for them, so two names differing by
    /// one would read the same.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isDefaultIgnorableCodePoint
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
