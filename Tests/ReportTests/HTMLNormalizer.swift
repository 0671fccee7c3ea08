/// The CommonMark spec's HTML normalizer (`test/normalize.py`) in Swift: two renderings that
/// differ only in insignificant ways normalize to the same text.
///
/// Whitespace runs outside `<pre>` become one space and whitespace around block tags goes;
/// `<br />` becomes `<br>`; attributes are sorted with their values re-escaped; character
/// references become characters, except `<`, `>`, `&` and `"`. One rule is nb's own: a heading's
/// `id` is dropped, since nb gives every heading one for its table of contents and the spec has
/// none.
enum HTMLNormalizer {
    private static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
        "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div",
        "section", "dl", "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption",
        "th", "figure", "thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video",
        "script", "style",
    ]
    private static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{A0}", "copy": "©", "AElig": "Æ",
        "Dcaron": "Ď", "frac34": "¾", "HilbertSpace": "ℋ", "DifferentialD": "ⅆ", "ClockwiseContourIntegral": "∲",
        "ngE": "≧̸", "ouml": "ö", "auml": "ä", "uuml": "ü",
    ]

    private enum Last { case startTag, endTag, data, other }

    /// The normal form of `html`.
    static func normalize(_ html: String) -> String {
        var output = ""
        var last = Last.startTag
        var lastTag = ""
        var inPre = false
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.hasPrefix("<![CDATA["), let end = rest.range(of: "]]>") {
                output += rest[..<end.upperBound]
                rest = rest[end.upperBound...]
                continue
            }
            if rest.first == "<", let close = rest.firstIndex(of: ">") {
                let tag = rest[rest.index(after: rest.startIndex)..<close]
                let next = tag.first
                if tag.hasPrefix("!--") || next == "!" || next == "?" {
                    output += rest[...close]
                    last = .other
                    rest = rest[rest.index(after: close)...]
                    continue
                }
                if next == "/", let letter = tag.dropFirst().first, letter.isLetter {
                    let name = tag.dropFirst().prefix { !$0.isWhitespace }.lowercased()
                    if name == "pre" {
                        inPre = false
                    } else if blockTags.contains(name) {
                        output = String(output.dropLast(while: \.isWhitespace))
                    }
                    output += "</\(name)>"
                    lastTag = name
                    last = .endTag
                    rest = rest[rest.index(after: close)...]
                    continue
                }
                if let next, next.isLetter {
                    let (name, attributes, selfClosing) = parseStartTag(tag)
                    if name == "pre" { inPre = true }
                    if blockTags.contains(name) { output = String(output.dropLast(while: \.isWhitespace)) }
                    output += "<" + name
                    for (key, value) in attributes.sorted(by: { $0.0 < $1.0 }) {
                        if key == "id", name.count == 2, name.first == "h" { continue }
                        output += " " + key
                        if let value { output += "=\"" + escape(decode(value)) + "\"" }
                    }
                    output += ">"
                    lastTag = name
                    last = selfClosing ? .endTag : .startTag
                    rest = rest[rest.index(after: close)...]
                    continue
                }
            }
            let end = rest.dropFirst().firstIndex(of: "<") ?? rest.endIndex
            var data = decodeData(rest[..<end])
            rest = rest[end...]
            let afterTag = last == .endTag || last == .startTag
            if afterTag, lastTag == "br" { data = String(data.drop { $0 == "\n" }) }
            if !inPre { data = collapse(data) }
            if afterTag, blockTags.contains(lastTag), !inPre {
                data = String(data.drop(while: \.isWhitespace))
                if last == .endTag { data = String(data.dropLast(while: \.isWhitespace)) }
            }
            output += data
            last = .data
        }
        return output
    }

    /// The name, attributes and self-closing slash of the inside of a start tag.
    private static func parseStartTag(_ tag: Substring) -> (String, [(String, String?)], Bool) {
        var rest = tag
        let selfClosing = rest.last == "/"
        if selfClosing { rest = rest.dropLast() }
        let name = rest.prefix { !$0.isWhitespace }.lowercased()
        rest = rest.drop { !$0.isWhitespace }
        var attributes: [(String, String?)] = []
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard !rest.isEmpty else { break }
            let key = rest.prefix { !$0.isWhitespace && $0 != "=" }.lowercased()
            rest = rest.drop { !$0.isWhitespace && $0 != "=" }.drop(while: \.isWhitespace)
            guard rest.first == "=" else {
                attributes.append((key, nil))
                continue
            }
            rest = rest.dropFirst().drop(while: \.isWhitespace)
            if let quote = rest.first, quote == "\"" || quote == "'" {
                let value = rest.dropFirst().prefix { $0 != quote }
                attributes.append((key, String(value)))
                rest = rest.dropFirst(value.count + 2)
            } else {
                let value = rest.prefix { !$0.isWhitespace }
                attributes.append((key, String(value)))
                rest = rest.dropFirst(value.count)
            }
        }
        return (name, attributes, selfClosing)
    }

    /// Text with its references as characters, but `<`, `>`, `&` and `"` as entities.
    private static func decodeData(_ text: Substring) -> String {
        var output = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            rest = rest[amp...]
            let body = rest.dropFirst().prefix { $0 != ";" && $0 != "&" && !$0.isWhitespace }
            let end = rest.index(amp, offsetBy: body.count + 1)
            guard end < rest.endIndex, rest[end] == ";", let character = reference(body) else {
                output += "&"
                rest = rest.dropFirst()
                continue
            }
            output += ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;"][character] ?? character
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }

    /// The character a reference's body (`amp`, `#35`, `#x22`) stands for.
    private static func reference(_ body: Substring) -> String? {
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if body.hasPrefix("#") { return UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) } }
        return entities[String(body)]
    }

    /// An attribute value with its references decoded, as Python's HTMLParser does.
    private static func decode(_ value: String) -> String {
        decodeData(Substring(value)).replacingAll(["&lt;": "<", "&gt;": ">", "&quot;": "\"", "&amp;": "&"])
    }

    /// `&`, `<`, `>`, `"` and `'` as entities, as Python's `html.escape(quote=True)`.
    private static func escape(_ value: String) -> String {
        value.replacingAll(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#x27;"])
    }

    /// Runs of whitespace as one space.
    private static func collapse(_ text: String) -> String {
        var output = ""
        var inSpace = false
        for character in text {
            if character.isWhitespace && character != "\u{A0}" {
                if !inSpace { output.append(" ") }
                inSpace = true
            } else {
                output.append(character)
                inSpace = false
            }
        }
        return output
    }
}

extension String {
    /// Each key replaced by its value, scanning once from the left.
    fileprivate func replacingAll(_ table: [String: String]) -> String {
        var output = ""
        var rest = Substring(self)
        outer: while let first = rest.first {
            for (key, value) in table where rest.hasPrefix(key) {
                output += value
                rest = rest.dropFirst(key.count)
                continue outer
            }
            output.append(first)
            rest = rest.dropFirst()
        }
        return output
    }

    /// The string without its last characters that match `predicate`.
    fileprivate func dropLast(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
