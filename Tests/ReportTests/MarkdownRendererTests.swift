import Testing

@testable import Report

@Test func aLineStartingWithACodeSpanContinuesItsParagraph() {
    let markdown = "Run it with\n`nb x.md`; or\n`nb y.md`.\n\n```sh\nfirst\n`second`\n```"
    #expect(
        MarkdownRenderer().html(markdown) == "<p>Run it with <code>nb x.md</code>; or <code>nb y.md</code>.</p>"
            + "<pre><code class=\"language-sh\">first\n`second`\n</code></pre>")
}

@Test func headingsGetUniqueAnchorsAndAreCollected() {
    let renderer = MarkdownRenderer()
    let html = renderer.html("## Data & *more*\n\n## Data & more\n\n### 42")
    #expect(
        html == "<h2 id=\"data-more\">Data &amp; <em>more</em></h2><h2 id=\"data-more-2\">Data &amp; more</h2>"
            + "<h3 id=\"42\">42</h3>")
    #expect(
        renderer.headings == [
            .init(level: 2, text: "Data & more", id: "data-more"),
            .init(level: 2, text: "Data & more", id: "data-more-2"),
            .init(level: 3, text: "42", id: "42"),
        ])
}
