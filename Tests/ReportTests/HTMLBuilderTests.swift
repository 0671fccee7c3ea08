import Testing

@testable import Report

@Test func textAndAttributesAreEscapedByDefault() {
    var html = HTMLBuilder()
    html.element("td", ["class": "a\"b", "title": "<script>&"], text: "1 < 2 & <script>alert('x')</script>")
    #expect(
        html.finished()
            == "<td class=\"a&quot;b\" title=\"&lt;script&gt;&amp;\">1 &lt; 2 &amp; &lt;script&gt;alert(&#39;x&#39;)"
            + "&lt;/script&gt;</td>")
}

@Test func rawMarkupIsWrittenAsItIsAndOpenElementsAreClosedAtTheEnd() {
    var html = HTMLBuilder()
    html.open("div", ["hidden": "", "id": nil])
    html.raw("<svg><g/></svg>")
    html.element("img", ["src": "data:image/png;base64,AA=="])
    html.write("a&b")
    #expect(html.finished() == "<div hidden><svg><g/></svg><img src=\"data:image/png;base64,AA==\">a&amp;b</div>")
}
