/// Makes the raw HTML a notebook's prose contains harmless while keeping what GitHub keeps
/// (`<sub>`, `<details>`, `<kbd>`, `<br>`, `<img>`…): event-handler attributes (`onclick`) and
/// links to dangerous URLs are dropped, and tags that load or run things are shown as text.
///
/// cmark-gfm's tag filter already disarms `<script>`, `<style>`, `<iframe>`, `<textarea>` and
/// the other tags GFM names; this covers what it leaves (`<object>`, `<form>`, `<base>`…). The
/// page's Content-Security-Policy is a second line of defence, not the first.
enum RawHTMLFilter {
    /// Tags shown as text, beyond GFM's tag filter.
    private static let disarmedTags: Set<String> = [
        "object", "embed", "applet", "form", "base", "meta", "link", "frame", "frameset", "portal",
    ]
    /// Attributes holding a URL the browser follows or loads.
    private static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "poster", "background", "srcset", "data",
    ]

    /// `html` with each start tag cleaned.
    static func clean(_ html: String) -> String {
        var output = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            output += rest[..<open]
            rest = rest[open...]
            guard let tag = StartTag(parsing: rest) else {
                // Not a tag a browser would read as one, or one cut short: shown as text.
                output += rest.dropFirst().first.map { $0.isLetter } == true ? "&lt;" : "<"
                rest = rest.dropFirst()
                continue
            }
            output += disarmedTags.contains(tag.name) ? "&lt;" + tag.cleaned.dropFirst() : tag.cleaned
            rest = rest[tag.end...]
        }
        return output + rest
    }

    /// A start tag `<name attr="value" …>`, read far enough to drop what is unsafe.
    private struct StartTag {
        var name: String
        var cleaned: String
        var end: Substring.Index

        init?(parsing text: Substring) {
            var index = text.index(after: text.startIndex)
            let nameStart = index
            while index < text.endIndex, text[index].isLetter || text[index].isNumber || text[index] == "-" {
                index = text.index(after: index)
            }
            guard index > nameStart else { return nil }
            name = text[nameStart..<index].lowercased()
            cleaned = "<" + text[nameStart..<index]
            while index < text.endIndex {
                let character = text[index]
                let next = text.index(after: index)
                if character == ">" || character == "/" && next < text.endIndex && text[next] == ">" {
                    cleaned += text[index...].prefix { $0 != ">" } + ">"
                    end = text.index(after: text[index...].firstIndex(of: ">") ?? index)
                    return
                }
                // Browsers read a `/` inside a tag as a space between attributes.
                if character.isWhitespace || character == "/" {
                    cleaned.append(character)
                    index = text.index(after: index)
                    continue
                }
                guard let attribute = Attribute(parsing: text[index...]) else { return nil }
                if attribute.isSafe { cleaned += text[index..<attribute.end] }
                index = attribute.end
            }
            return nil
        }
    }

    /// One attribute, `name`, `name=value`, `name='value'` or `name="value"`.
    private struct Attribute {
        var name: String
        var value: String?
        var end: Substring.Index

        init?(parsing text: Substring) {
            var index = text.startIndex
            while index < text.endIndex, !" \t\n\r/>=\"'".contains(text[index]) { index = text.index(after: index) }
            guard index > text.startIndex else { return nil }
            name = text[..<index].lowercased()
            end = index
            var probe = index
            while probe < text.endIndex, text[probe].isWhitespace { probe = text.index(after: probe) }
            guard probe < text.endIndex, text[probe] == "=" else { return }
            probe = text.index(after: probe)
            while probe < text.endIndex, text[probe].isWhitespace { probe = text.index(after: probe) }
            guard probe < text.endIndex else { return nil }
            if text[probe] == "\"" || text[probe] == "'" {
                let quote = text[probe]
                let start = text.index(after: probe)
                guard let close = text[start...].firstIndex(of: quote) else { return nil }
                value = String(text[start..<close])
                end = text.index(after: close)
            } else {
                let valueEnd = text[probe...].firstIndex { $0.isWhitespace || $0 == ">" } ?? text.endIndex
                value = String(text[probe..<valueEnd])
                end = valueEnd
            }
        }

        var isSafe: Bool {
            if name.hasPrefix("on") || name == "style" && (value ?? "").lowercased().contains("url(") { return false }
            guard Self.urlNames.contains(name), let value else { return true }
            return URLFilter.allows(decodedForScheme(value), image: name == "src" || name == "srcset")
        }

        private static let urlNames = RawHTMLFilter.urlAttributes

        /// The value with the character references browsers decode before they read a scheme
        /// (`&#106;avascript:` is `javascript:`).
        private func decodedForScheme(_ value: String) -> String {
            guard value.contains("&") else { return value }
            var decoded = ""
            var rest = Substring(value)
            while let amp = rest.firstIndex(of: "&") {
                decoded += rest[..<amp]
                rest = rest[rest.index(after: amp)...]
                let reference = rest.prefix { $0 != ";" && !$0.isWhitespace }.prefix(10)
                let digits =
                    reference.hasPrefix("#x") || reference.hasPrefix("#X")
                    ? UInt32(reference.dropFirst(2), radix: 16)
                    : reference.hasPrefix("#") ? UInt32(reference.dropFirst()) : nil
                let character =
                    digits.flatMap(Unicode.Scalar.init).map(Character.init)
                    ?? ["colon": ":", "tab": "\t", "newline": "\n"][reference.lowercased()]
                guard let character else {
                    decoded += "&"
                    continue
                }
                decoded.append(character)
                rest = rest[reference.endIndex...]
                if rest.first == ";" { rest = rest.dropFirst() }
            }
            return decoded + rest
        }
    }
}
