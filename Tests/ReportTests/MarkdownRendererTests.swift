import Testing

@testable import Report

@Test func aLineStartingWithACodeSpanContinuesItsParagraph() {
    let markdown = "Run it with\n`nb x.md`; or\n`nb y.md`.\n\n```sh\nfirst\n`second`\n```"
    #expect(
        MarkdownRenderer().html(markdown) == "<p>Run it with\n<code>nb x.md</code>; or\n<code>nb y.md</code>.</p>\n"
            + "<pre><code class=\"language-sh\">first\n`second`\n</code></pre>\n")
}

@Test func headingsGetUniqueAnchorsFromTheParsedTreeAndAreCollected() {
    let renderer = MarkdownRenderer()
    let html = renderer.html("## Data & *more*\n\n## Data & more\n\nSetext `code`\n---\n\n### 42")
    #expect(
        html == "<h2 id=\"data-more\">Data &amp; <em>more</em></h2>\n<h2 id=\"data-more-2\">Data &amp; more</h2>\n"
            + "<h2 id=\"setext-code\">Setext <code>code</code></h2>\n<h3 id=\"42\">42</h3>\n")
    #expect(
        renderer.headings == [
            .init(level: 2, text: "Data & more", id: "data-more"),
            .init(level: 2, text: "Data & more", id: "data-more-2"),
            .init(level: 2, text: "Setext code", id: "setext-code"),
            .init(level: 3, text: "42", id: "42"),
        ])
}

@Test func gitHubsExtensionsAreOn() {
    let html = MarkdownRenderer().html(
        "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~ www.example.org\n\n- [x] done\n- [ ] to do\n\n<xmp>")
    #expect(
        html == "<table>\n<thead>\n<tr>\n<th>a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
            + "<td>1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n"
            + "<p><del>old</del> <a href=\"http://www.example.org\">www.example.org</a></p>\n"
            + "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>\n"
            + "<li><input type=\"checkbox\" disabled=\"\" /> to do</li>\n</ul>\n&lt;xmp&gt;\n")
}

@Test func footnotesLinkToTheirNotesAndBack() {
    let html = MarkdownRenderer().html("A claim.[^1]\n\n[^1]: The source.")
    #expect(
        html
            == "<p>A claim.<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup></p>\n"
            + "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>The source. "
            + "<a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩</a></p>\n"
            + "</li>\n</ol>\n</section>\n")
}

@Test(arguments: [
    ("[x](javascript:alert(1))", "<p><a href=\"\">x</a></p>\n"),
    ("[x]( JaVaScRiPt:alert(1))", "<p><a href=\"\">x</a></p>\n"),
    ("[x](vbscript:msgbox)", "<p><a href=\"\">x</a></p>\n"),
    ("[x](data:text/html,<b>)", "<p><a href=\"\">x</a></p>\n"),
    ("![x](data:text/html;base64,AA)", "<p><img src=\"\" alt=\"x\" /></p>\n"),
    ("![x](data:image/png;base64,AA)", "<p><img src=\"data:image/png;base64,AA\" alt=\"x\" /></p>\n"),
    ("[x](https://example.org/a?b=1)", "<p><a href=\"https://example.org/a?b=1\">x</a></p>\n"),
])
func dangerousLinkTargetsAreDropped(markdown: String, html: String) {
    #expect(MarkdownRenderer().html(markdown) == html)
}

@Test(arguments: [
    ("H<sub>2</sub>O<br>", "<p>H<sub>2</sub>O<br></p>\n"),
    (
        "<details open><summary>More</summary>\n\nText\n\n</details>",
        "<details open><summary>More</summary>\n<p>Text</p>\n</details>\n"
    ),
    ("<img src=x onerror=\"alert(1)\">", "<img src=\"x\">\n"),
    ("<div>\n<img src=x / onerror=alert(1)>\n</div>", "<div>\n<img src=\"x\">\n</div>\n"),
    ("a <a href=\"&#106;avascript:alert(1)\" title=t>b</a>", "<p>a <a title=\"t\">b</a></p>\n"),
    ("<a href=\"jav&Tab;ascript&colon;alert(1)\">x</a>", "<p><a>x</a></p>\n"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;\n"),
    ("<object data=\"x.swf\"></object>", "<p>&lt;object data=&quot;x.swf&quot;&gt;&lt;/object&gt;</p>\n"),
    ("<div onclick=alert(1)\n", "&lt;div onclick=alert(1)\n"),
])
func rawHTMLKeepsWhatGitHubKeepsAndLosesWhatRunsCode(markdown: String, html: String) {
    #expect(MarkdownRenderer().html(markdown) == html)
}
