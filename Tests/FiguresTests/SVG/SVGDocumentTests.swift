import Figures
import Testing

@Test func aDocumentWritesElementsInOrderAndClosesWhatIsOpen() {
    var svg = SVGDocument(width: 100, height: 50.25, title: "T", description: "D")
    svg.open("g", ["class": "a"])
    svg.element("circle", ["cx": "1", "r": "2"])
    svg.element("text", ["x": "3"], text: "hi")
    #expect(
        svg.finished()
            == "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50.3\" width=\"100%\" role=\"img\">"
            + "<title>T</title><desc>D</desc><g class=\"a\"><circle cx=\"1\" r=\"2\"/><text x=\"3\">hi</text></g></svg>\n"
    )
}

@Test func textAndAttributeValuesAreEscaped() {
    var svg = SVGDocument(width: 1, height: 1, title: "<MLP & \"CNN\">")
    svg.element("g", ["data-series": "<MLP & \"CNN\">'"], text: "a\u{1}b")
    let text = svg.finished()
    #expect(text.contains("<title>&lt;MLP &amp; &quot;CNN&quot;&gt;</title>"))
    #expect(text.contains("<g data-series=\"&lt;MLP &amp; &quot;CNN&quot;&gt;&#39;\">a\u{FFFD}b</g>"))
    #expect(Markup.escape("tab\tnew\nline") == "tab\tnew\nline")
}

@Test func naturalSizingKeepsTheViewBoxSizeAndOnlyShrinks() {
    let text = SVGDocument(width: 60, height: 20, title: "grid", sizing: .natural).finished()
    #expect(
        text
            == "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 60 20\" width=\"60\" height=\"20\" "
            + "style=\"max-width:100%;height:auto\" role=\"img\"><title>grid</title></svg>\n")
}
