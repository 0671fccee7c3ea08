/// The tags and attributes raw HTML in the prose may keep, and the URL schemes its links may
/// use: GitHub's, as html-pipeline's `SanitizationFilter` lists them, less what could reach the
/// page's own script (`id`, `class`, `name`) or submit anything (`form` and its attributes).
///
/// Everything else is shown as text: `noscript`, `meta`, `base`, `link`, `style`, `form`,
/// `iframe`, `object`, `embed`, `svg` and `math` among them.
enum HTMLAllowlist {
    /// Elements kept, re-serialised with their allowed attributes.
    static let elements: Set<String> = [
        "h1", "h2", "h3", "h4", "h5", "h6", "br", "b", "i", "strong", "em", "a", "pre", "code", "img", "tt", "div",
        "ins", "del", "sup", "sub", "p", "ol", "ul", "table", "thead", "tbody", "tfoot", "blockquote", "dl", "dt",
        "dd", "kbd", "q", "samp", "var", "hr", "ruby", "rt", "rp", "li", "tr", "td", "th", "s", "strike", "summary",
        "details", "caption", "figure", "figcaption", "abbr", "bdo", "cite", "dfn", "mark", "small", "span", "time",
        "wbr",
    ]

    /// Attributes kept on any allowed element.
    private static let anyElement: Set<String> = [
        "abbr", "align", "alt", "aria-describedby", "aria-hidden", "aria-label", "aria-labelledby", "axis",
        "border", "cellpadding", "cellspacing", "char", "charoff", "clear", "colspan", "color", "compact",
        "datetime", "dir", "headers", "height", "hreflang", "hspace", "lang", "noshade", "nowrap", "open",
        "reversed", "rowspan", "rules", "scope", "shape", "size", "span", "start", "summary", "title", "type",
        "valign", "value", "vspace", "width",
    ]

    /// Attributes that hold a URL, by the element that may carry them.
    private static let urlAttributes: [String: Set<String>] = [
        "a": ["href"], "img": ["src", "longdesc"], "blockquote": ["cite"], "del": ["cite"], "ins": ["cite"],
        "q": ["cite"],
    ]

    /// What `element` may do with an attribute named `name`.
    static func rule(for name: String, on element: String) -> AttributeRule {
        if urlAttributes[element]?.contains(name) == true { return .url(image: name == "src") }
        return anyElement.contains(name) ? .text : .drop
    }

    /// How an attribute is treated.
    enum AttributeRule: Equatable {
        /// Kept, its value re-escaped.
        case text
        /// Kept if its decoded value is a URL `URLFilter` allows (as an image's source when `image`).
        case url(image: Bool)
        /// Dropped.
        case drop
    }
}
