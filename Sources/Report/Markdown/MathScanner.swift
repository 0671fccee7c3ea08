/// Finds the math in a prose block before cmark-gfm reads it, by GitHub's and pandoc's rules,
/// and puts a placeholder in its place so that Markdown never touches the TeX (`\{`, `*`, `_`).
///
/// - `$$…$$` is display math, and may span lines.
/// - `$…$` is inline math when the opening `$` has a non-space right after it and the closing
///   `$` a non-space right before it and no digit right after it, so `$5 and $6` stays text.
/// - `\$` is a dollar sign; dollars in code spans and code blocks are code.
///
/// ```` ```math ```` fences are left for the renderer, since they are code blocks to cmark.
struct MathScanner {
    /// One formula found.
    struct Formula: Hashable {
        /// The TeX between the dollars.
        var tex: String
        /// `$$…$$`: a display formula.
        var display: Bool
    }

    /// The placeholder's delimiters: private-use characters, which cmark passes through as text.
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    /// `markdown` with each formula replaced by `open`, its index in `formulas`, `close`.
    private(set) var text = ""
    /// The formulas, in order.
    private(set) var formulas: [Formula] = []

    /// Scans `markdown`.
    init(_ markdown: String) {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)[...]
        var prose: [Substring] = []
        var fence: (character: Character, length: Int)?
        var output: [String] = []
        func flush() {
            if !prose.isEmpty { output.append(scanInline(prose.joined(separator: "\n"))) }
            prose = []
        }
        while let line = lines.popFirst() {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            let marker = body.prefix { $0 == "`" || $0 == "~" }
            if let open = fence {
                if indent < 4, marker.count >= open.length, marker.first == open.character,
                    body.dropFirst(marker.count).allSatisfy(\.isWhitespace)
                {
                    fence = nil
                }
                output.append(String(line))
            } else if indent < 4, marker.count >= 3, Set(marker).count == 1,
                !(marker.first == "`" && body.dropFirst(marker.count).contains("`"))
            {
                flush()
                fence = (marker.first ?? "`", marker.count)
                output.append(String(line))
            } else if indent >= 4 || line.first == "\t", prose.last?.allSatisfy(\.isWhitespace) ?? true {
                // An indented code block starts after a blank line (or the block's start).
                flush()
                output.append(String(line))
                while let next = lines.first,
                    next.allSatisfy(\.isWhitespace) || next.hasPrefix("    ") || next.first == "\t"
                {
                    output.append(String(next))
                    lines = lines.dropFirst()
                }
                prose = []
            } else {
                prose.append(line)
            }
        }
        flush()
        text = output.joined(separator: "\n")
    }

    /// `text` with its code spans kept and its formulas replaced.
    private mutating func scanInline(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count {
                output.append(character)
                output.append(characters[index + 1])
                index += 2
            } else if character == "`" {
                let run = characters[index...].prefix { $0 == "`" }.count
                let end = Self.codeSpanEnd(characters, from: index + run, run: run) ?? index + run
                output += String(characters[index..<end])
                index = end
            } else if let end = Self.verbatimEnd(characters, at: index) {
                output += String(characters[index..<end])
                index = end
            } else if character == "$", let (formula, end) = Self.formula(characters, at: index) {
                output += "\(Self.open)\(formulas.count)\(Self.close)"
                formulas.append(formula)
                index = end
            } else {
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// `text` with each placeholder put back as its formula's TeX.
    static func restoring(_ formulas: [Formula], in text: String) -> String {
        guard text.contains(open) else { return text }
        var output = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(of: open), let end = rest[start...].firstIndex(of: close) {
            output += rest[..<start]
            if let index = Int(rest[rest.index(after: start)..<end]), formulas.indices.contains(index) {
                output += formulas[index].tex
            }
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// The index after a link destination `](…)`, an autolink `<https://…>` or a raw HTML tag
    /// starting at `index`, whose dollars are part of a URL or an attribute, not math.
    private static func verbatimEnd(_ characters: [Character], at index: Int) -> Int? {
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        let closing: Character
        if characters[index] == "]", next == "(" {
            closing = ")"
        } else if characters[index] == "<", let next, next.isLetter || next == "/" || next == "!" || next == "?" {
            closing = ">"
        } else {
            return nil
        }
        guard let end = characters[(index + 1)...].firstIndex(where: { $0 == closing || $0 == "\n" }),
            characters[end] == closing
        else { return nil }
        return end + 1
    }

    /// The index after the backtick run of length `run` that closes a code span, if any.
    private static func codeSpanEnd(_ characters: [Character], from start: Int, run: Int) -> Int? {
        var index = start
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            let length = characters[index...].prefix { $0 == "`" }.count
            if length == run { return index + length }
            index += length
        }
        return nil
    }

    /// The formula opening at `start` and the index after it, if the dollars there open one.
    private static func formula(_ characters: [Character], at start: Int) -> (Formula, Int)? {
        let display = start + 1 < characters.count && characters[start + 1] == "$"
        let width = display ? 2 : 1
        let first = start + width
        guard first < characters.count, !characters[first].isWhitespace || display else { return nil }
        var index = first
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if !display, character == "\n", index + 1 < characters.count, characters[index + 1] == "\n" { return nil }
            if character == "$" {
                if display {
                    guard index + 1 < characters.count, characters[index + 1] == "$" else { return nil }
                    let tex = String(characters[first..<index]).trimmingWhitespace()
                    return tex.isEmpty ? nil : (Formula(tex: tex, display: true), index + 2)
                }
                let closes =
                    !characters[index - 1].isWhitespace
                    && !(index + 1 < characters.count && characters[index + 1].isNumber)
                if closes { return (Formula(tex: String(characters[first..<index]), display: false), index + 1) }
            }
            index += 1
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
