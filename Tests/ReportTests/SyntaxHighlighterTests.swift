import Testing

@testable import Report

@Test func aBindingLineIsHighlightedWithTheLexersTokensAndItsComment() {
    let lines = SyntaxHighlighter.highlight("x = thing(count: epochs)   # a < comment", firstLine: 25)
    #expect(
        lines == [
            .init(
                number: 25,
                html: "<span class=\"tok-binding\">x</span> <span class=\"tok-punct\">=</span> "
                    + "<span class=\"tok-call\">thing</span><span class=\"tok-punct\">(</span>"
                    + "<span class=\"tok-label\">count</span><span class=\"tok-punct\">:</span> "
                    + "<span class=\"tok-name\">epochs</span><span class=\"tok-punct\">)</span>   "
                    + "<span class=\"tok-comment\"># a &lt; comment</span>")
        ])
}

@Test func stringsKeepTheirEscapesAndNegativeNumbersAndKeywordsAreMarked() {
    let lines = SyntaxHighlighter.highlight("f(\"a\\\"<b>#\", -1.5, true)\n\n  [2]", firstLine: 3)
    #expect(
        lines == [
            .init(
                number: 3,
                html: "<span class=\"tok-call\">f</span><span class=\"tok-punct\">(</span>"
                    + "<span class=\"tok-string\">&quot;a\\&quot;&lt;b&gt;#&quot;</span><span class=\"tok-punct\">,</span> "
                    + "<span class=\"tok-number\">-</span><span class=\"tok-number\">1.5</span>"
                    + "<span class=\"tok-punct\">,</span> <span class=\"tok-keyword\">true</span>"
                    + "<span class=\"tok-punct\">)</span>"),
            .init(number: 4, html: ""),
            .init(
                number: 5,
                html: "  <span class=\"tok-punct\">[</span><span class=\"tok-number\">2</span>"
                    + "<span class=\"tok-punct\">]</span>"),
        ])
}

@Test func anUnterminatedStringIsMarkedInvalidToTheEndOfItsLine() {
    let lines = SyntaxHighlighter.highlight("x = \"open", firstLine: 1)
    #expect(
        lines == [
            .init(
                number: 1,
                html: "<span class=\"tok-binding\">x</span> <span class=\"tok-punct\">=</span> "
                    + "<span class=\"tok-invalid\">&quot;open</span>")
        ])
}
