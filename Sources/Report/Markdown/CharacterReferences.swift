/// Decodes the character references in an attribute value, so the sanitizer checks what a browser
/// would read (`&#0000106avascript:` and `jav&Tab;ascript&colon;` are `javascript:`).
///
/// Numeric references are decoded with or without their `;`, as browsers do. Named ones are
/// decoded from a short table of those that matter in URLs and common prose; any other `&` is
/// kept as a literal ampersand. That is safe because the sanitizer writes the decoded value back
/// escaped, so the browser reads exactly the value that was checked.
enum CharacterReferences {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "colon": ":", "Tab": "\t",
        "NewLine": "\n", "lpar": "(", "rpar": ")", "sol": "/", "bsol": "\\", "period": ".", "comma": ",",
        "excl": "!", "num": "#", "percnt": "%", "equals": "=", "quest": "?", "commat": "@", "lowbar": "_",
        "hyphen": "-", "plus": "+", "semi": ";", "copy": "©", "reg": "®", "mdash": "—", "ndash": "–", "hellip": "…",
    ]

    /// `value` with its character references replaced by the characters they stand for.
    static func decode(_ value: String) -> String {
        guard value.contains("&") else { return value }
        let scalars = Array(value.unicodeScalars)
        var decoded = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (replacement, end) = reference(in: scalars, at: index + 1) {
                decoded.append(contentsOf: replacement.unicodeScalars)
                index = end
            } else {
                decoded.append(scalars[index])
                index += 1
            }
        }
        return String(decoded)
    }

    /// The reference starting just after an `&` at `start`, and the index after it.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        guard start < scalars.count else { return nil }
        if scalars[start] == "#" { return numeric(in: scalars, at: start + 1) }
        var end = start
        while end < scalars.count, end - start < 8, scalars[end].properties.isAlphabetic, scalars[end].isASCII {
            end += 1
        }
        guard end < scalars.count, scalars[end] == ";",
            let replacement = named[String(String.UnicodeScalarView(scalars[start..<end]))]
        else { return nil }
        return (replacement, end + 1)
    }

    /// `&#106`, `&#x6A;`: the character, or U+FFFD for 0, a surrogate or past U+10FFFF.
    private static func numeric(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var index = start
        let hex = index < scalars.count && (scalars[index] == "x" || scalars[index] == "X")
        if hex { index += 1 }
        let digitsStart = index
        var code: UInt32 = 0
        while index < scalars.count, let digit = Character(scalars[index]).hexDigitValue, hex || digit < 10 {
            code = min(code &* (hex ? 16 : 10) &+ UInt32(digit), 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < scalars.count, scalars[index] == ";" { index += 1 }
        let character = code == 0 ? nil : Unicode.Scalar(code)
        return (String(character ?? "\u{FFFD}"), index)
    }
}
