import Testing

@testable import Report

/// The hostile prose of issue 25 (items 1 and 10) and the rules they break, each through the
/// whole prose renderer: cmark-gfm's parse, then the sanitizer on every raw HTML node.
@Test(arguments: [
    // A scripting browser reads <noscript> as raw text, so a `</noscript>` inside an attribute
    // ended it and let the <meta> refresh through.
    (
        "<noscript><p title=\"</noscript><meta http-equiv=refresh content='0;url=http://127.0.0.1:9/leak'>\"></noscript>",
        "<p>&lt;noscript&gt;<p title=\"&lt;/noscript&gt;&lt;meta http-equiv=refresh content=&#39;0;url=http://127.0.0.1:9/leak&#39;&gt;\">"
            + "&lt;/noscript&gt;</p>\n"
    ),
    (
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<p>&lt;noscript&gt;<p title=\"&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;\">&lt;/noscript&gt;</p>\n"
    ),
    ("<a href=\"&#0000106avascript:alert(1)\">x</a>", "<p><a>x</a></p>\n"),
    ("<a href=\"&#x6A&#x61vascript:alert(1)\">x</a>", "<p><a>x</a></p>\n"),
    ("<a href=\" \u{1}java\tscript:alert(1)\">x</a>", "<p><a>x</a></p>\n"),
    (
        "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"></svg>",
        "<p>&lt;svg&gt;&lt;set attributeName=&quot;href&quot; to=&quot;javascript:alert(1)&quot;&gt;&lt;/svg&gt;</p>\n"
    ),
    ("<p style=\"background:url&#40;http://127.0.0.1:9/)\">x</p>", "<p>x</p>\n"),
    (
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<p>&lt;math&gt;&lt;mi xlink:href=&quot;javascript:alert(1)&quot;&gt;x&lt;/mi&gt;&lt;/math&gt;</p>\n"
    ),
    ("<base href=\"//127.0.0.1:9/\">", "&lt;base href=&quot;//127.0.0.1:9/&quot;&gt;\n"),
    ("<link rel=stylesheet href=x.css>", "&lt;link rel=stylesheet href=x.css&gt;\n"),
    (
        "<form action=x><button>go</button></form>",
        "&lt;form action=x&gt;&lt;button&gt;go&lt;/button&gt;&lt;/form&gt;\n"
    ),
    ("<embed src=x.swf>", "&lt;embed src=x.swf&gt;\n"),
    ("<iframe src=x></iframe>", "&lt;iframe src=x&gt;&lt;/iframe&gt;\n"),
    ("<style>p{color:red}</style>", "&lt;style&gt;p{color:red}&lt;/style&gt;\n"),
    // What GitHub keeps stays, written anew with its values quoted and escaped.
    ("<kbd>Ctrl</kbd>+<kbd>C</kbd>", "<p><kbd>Ctrl</kbd>+<kbd>C</kbd></p>\n"),
    (
        "<a href=\"https://example.org/?a=1&amp;b=2\" class=x id=y name=z>l</a>",
        "<p><a href=\"https://example.org/?a=1&amp;b=2\">l</a></p>\n"
    ),
    (
        "<a href=\"#results\">r</a> <a href=\"../x.md\">x</a>",
        "<p><a href=\"#results\">r</a> <a href=\"../x.md\">x</a></p>\n"
    ),
    ("<a href=\"ftp://example.org/\">f</a>", "<p><a>f</a></p>\n"),
    (
        "<img src=\"data:image/png;base64,AA\" alt=\"a &quot;b&quot;\" width=10 onload=x>",
        "<img src=\"data:image/png;base64,AA\" alt=\"a &quot;b&quot;\" width=\"10\">\n"
    ),
    ("<img src=\"data:text/html;base64,AA\">", "<img>\n"),
    ("a <!-- hidden --> b", "<p>a  b</p>\n"),
    ("<table><tr><td colspan=2 onclick=x>c</td></tr></table>", "<table><tr><td colspan=\"2\">c</td></tr></table>\n"),
    ("<b title=\"1\" title=\"2\">t</b>", "<p><b title=\"1\">t</b></p>\n"),
])
func rawHTMLIsWrittenAnewFromTheAllowlist(markdown: String, html: String) {
    #expect(MarkdownRenderer().html(markdown) == html)
}

@Test(arguments: [
    ("&#106;", "j"), ("&#x6a;", "j"), ("&#X6A", "j"), ("&#0000106a", "ja"), ("&colon;", ":"), ("&Tab;", "\t"),
    ("&colon", "&colon"), ("&unknown;", "&unknown;"), ("&#0;", "\u{FFFD}"), ("&#xD800;", "\u{FFFD}"),
    ("&#99999999999;", "\u{FFFD}"), ("a & b", "a & b"), ("&", "&"), ("&#", "&#"), ("&#x;", "&#x;"),
])
func attributeValuesAreDecodedAsABrowserDecodesThem(value: String, decoded: String) {
    #expect(CharacterReferences.decode(value) == decoded)
}

@Test(arguments: [
    ("https://example.org", false, true), ("HTTP://x", false, true), ("mailto:a@b.c", false, true),
    ("#top", false, true), ("a/b:c", false, true), ("?q=1", false, true), ("javascript:x", false, false),
    (" \u{1}javascript:x", false, false), ("java\nscript:x", false, false), ("vbscript:x", false, false),
    ("file:///etc/passwd", false, false), ("data:image/png;base64,AA", true, true),
    ("data:image/png;base64,AA", false, false), ("data:text/html,x", true, false), ("ftp://x", false, false),
    ("made-up-scheme:x", false, false),
])
func linkTargetsAreKeptFromAnAllowlistOfSchemes(url: String, image: Bool, kept: Bool) {
    #expect(URLFilter.allows(url, image: image) == kept)
}
