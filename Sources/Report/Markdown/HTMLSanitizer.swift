import Figures

/// Makes the raw HTML of a notebook's prose safe by writing it anew from an allowlist, as
/// GitHub's sanitizer does: each tag is read as a browser's tokenizer reads it, an allowed tag
/// is written back with only its allowed attributes (values decoded, checked and re-escaped),
/// comments are dropped, and everything else, disallowed tags included, is escaped as text.
///
/// Writing the markup anew, rather than deleting what looks bad from it, is what makes it safe:
/// the browser sees only tags this type wrote, so a `</noscript>` inside an attribute value or a
/// tag cut short cannot change how the rest is read. The page's Content-Security-Policy stays as
/// a second line of defence.
public enum HTMLSanitizer {
    /// `html`, one raw HTML fragment of the prose (cmark-gfm's HTML block or inline), made safe.
    public static func clean(_ html: String) -> String {
        let scalars = Array(html.unicodeScalars)
        var output = ""
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", let tag = Tag(scalars, at: index) {
                output += tag.allowed ? tag.serialized : escape(scalars[index..<tag.end])
                index = tag.end
            } else if scalar == "<", let end = commentEnd(scalars, at: index) {
                index = end
            } else {
                switch scalar {
                case "<": output += "&lt;"
                case ">": output += "&gt;"
                default: output.unicodeScalars.append(scalar)
                }
                index += 1
            }
        }
        return output
    }

    /// The index after the comment `<!-- … -->` starting at `start` (its end, if it is never closed).
    private static func commentEnd(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        let open: [Unicode.Scalar] = ["<", "!", "-", "-"]
        guard scalars[start...].starts(with: open) else { return nil }
        var index = start + open.count
        while index + 2 < scalars.count {
            if scalars[index] == "-", scalars[index + 1] == "-", scalars[index + 2] == ">" { return index + 3 }
            index += 1
        }
        return scalars.count
    }

    /// Text with `&`, `<`, `>` and quotes as entities.
    private static func escape(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        Markup.escape(String(String.UnicodeScalarView(scalars)))
    }

    /// A start or end tag as a browser's tokenizer reads it, from `<` to its `>`.
    private struct Tag {
        var name: String
        var isEnd: Bool
        var attributes: [(name: String, value: String?)] = []
        var end: Int

        private static let whitespace: Set<Unicode.Scalar> = ["\t", "\n", "\u{0C}", "\r", " "]

        /// The tag at `start`, or nil when `<` does not open one or the fragment ends inside it.
        init?(_ scalars: [Unicode.Scalar], at start: Int) {
            var index = start + 1
            isEnd = index < scalars.count && scalars[index] == "/"
            if isEnd { index += 1 }
            guard index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic else {
                return nil
            }
            let nameStart = index
            while index < scalars.count, !Self.whitespace.contains(scalars[index]), scalars[index] != "/",
                scalars[index] != ">"
            {
                index += 1
            }
            name = String(String.UnicodeScalarView(scalars[nameStart..<index])).lowercased()
            while index < scalars.count {
                if scalars[index] == ">" {
                    end = index + 1
                    return
                }
                if Self.whitespace.contains(scalars[index]) || scalars[index] == "/" {
                    index += 1
                    continue
                }
                guard let (attribute, next) = Self.attribute(scalars, at: index) else { return nil }
                if !attributes.contains(where: { $0.name == attribute.name }) { attributes.append(attribute) }
                index = next
            }
            return nil
        }

        /// The attribute at `start`, and the index after it; nil if a quoted value never closes.
        private static func attribute(_ scalars: [Unicode.Scalar], at start: Int) -> (
            (name: String, value: String?), Int
        )? {
            var index = start + 1  // A name may begin with `=`.
            while index < scalars.count, !whitespace.contains(scalars[index]),
                !"/>=".unicodeScalars.contains(
                    scalars[index])
            {
                index += 1
            }
            let name = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
            var probe = index
            while probe < scalars.count, whitespace.contains(scalars[probe]) { probe += 1 }
            guard probe < scalars.count, scalars[probe] == "=" else { return ((name, nil), index) }
            probe += 1
            while probe < scalars.count, whitespace.contains(scalars[probe]) { probe += 1 }
            guard probe < scalars.count else { return nil }
            let quote = scalars[probe]
            let valueStart = quote == "\"" || quote == "'" ? probe + 1 : probe
            var valueEnd = valueStart
            if valueStart > probe {
                while valueEnd < scalars.count, scalars[valueEnd] != quote { valueEnd += 1 }
                guard valueEnd < scalars.count else { return nil }
            } else {
                while valueEnd < scalars.count, !whitespace.contains(scalars[valueEnd]), scalars[valueEnd] != ">" {
                    valueEnd += 1
                }
            }
            let raw = String(String.UnicodeScalarView(scalars[valueStart..<valueEnd]))
            return ((name, CharacterReferences.decode(raw)), valueStart > probe ? valueEnd + 1 : valueEnd)
        }

        var allowed: Bool { HTMLAllowlist.elements.contains(name) }

        /// The tag written anew: its name, then each allowed attribute with its value escaped.
        var serialized: String {
            guard !isEnd else { return "</\(name)>" }
            var text = "<" + name
            for (attribute, value) in attributes {
                switch HTMLAllowlist.rule(for: attribute, on: name) {
                case .drop: continue
                case .text: break
                case .url(let image):
                    guard let value, URLFilter.allows(value, image: image) else { continue }
                }
                text += " " + attribute + (value.map { "=\"" + Markup.escape($0) + "\"" } ?? "")
            }
            return text + ">"
        }
    }
}
