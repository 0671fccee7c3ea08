import Foundation
import Runner
import Testing

@testable import Report

@Test func theHeaderMarksParametersSetOnTheCommandLineWithTheirDefaults() throws {
    let html = try SampleRun.page().html()
    #expect(html.contains("<caption>Parameters (1 set with --set)</caption>"))
    #expect(
        html.contains(
            "<tr class=\"overridden\"><td><code>epochs</code></td><td><code>1</code></td>"
                + "<td><span class=\"set-mark\">--set</span> default 10</td></tr>"))
    #expect(html.contains("<tr><td><code>lr</code></td><td><code>0.001</code></td><td></td></tr>"))
}

@Test func theHeaderSaysWhenWhereAndHowLongTheRunTook() throws {
    let html = try SampleRun.page().html()
    let facts = try #require(section(of: html, from: "<dl class=\"facts\">", to: "</dl>"))
    #expect(
        facts
            == "<dl class=\"facts\"><div><dt>Ran</dt><dd><time datetime=\"2025-03-01T14:05:09Z\">2025-03-01 14:05 UTC"
            + "</time></dd></div><div><dt>Total time</dt><dd>3 min 06 s</dd></div><div><dt>Seed</dt><dd>7</dd></div>"
            + "<div><dt>Machine</dt><dd>2 cores · OpenBLAS 0.3.21, Haswell kernels, 2 threads</dd></div>"
            + "<div><dt>nb</dt><dd>0.1.0</dd></div><div><dt>Commit</dt><dd><code>abc1234</code> with uncommitted "
            + "changes</dd></div></dl>")
    #expect(html.contains("<p class=\"run-status run-failed\">Of 4 statements, 1 failed and 1 not run</p>"))
}

@Test func aFailedStatementsMessageAppearsInItsCellWithItsPosition() throws {
    let html = try SampleRun.page().html()
    let cell = try #require(
        section(of: html, from: "<section class=\"cell cell-failed\" id=\"cell-2\">", to: "</section>"))
    #expect(cell.contains("<span class=\"badge badge-failed\" title=\"1 failed; 1 skipped\">1 failed</span>"))
    #expect(
        cell.contains(
            "<div class=\"failure\" role=\"alert\"><p class=\"failure-position\">Notebooks/test.md:32:1: error</p>"
                + "<pre class=\"failure-message\">broken: x must be positive</pre></div>"))
    #expect(
        cell.contains(
            "<div class=\"skipped\"><p class=\"failure-position\">Notebooks/test.md:33:1: not run</p>"
                + "<pre class=\"failure-message\">not run: it reads &#39;y&#39; (line 32), which failed</pre></div>"))
    #expect(cell.contains("<span class=\"line failed-line\" data-line=\"32\">"))
}

@Test func cellsShowTheLineNumbersOfTheMarkdownFile() throws {
    let html = try SampleRun.page().html()
    let numbers = html.ranges(of: "data-line=\"").map { range in
        html[range.upperBound...].prefix { $0 != "\"" }
    }
    #expect(numbers == ["25", "26", "32", "33"])
    #expect(html.contains("<span class=\"cell-lines\">lines 25–26</span>"))
    #expect(html.contains("<span class=\"badge badge-ran\" title=\"1 ran in 41.2 s; 1 cached, loaded in 0.2 s\">"))
}

@Test func tableCellsCaptionsAndTextAreEscaped() throws {
    let html = try SampleRun.page().html()
    #expect(html.contains("<p class=\"output-text\">x has 3 &lt;items&gt; &amp; more</p>"))
    #expect(
        html.contains(
            "<tbody><tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td class=\"number\">1,234,567</td>"
                + "<td class=\"number\">0.01235</td></tr><tr><td>b &amp; c</td><td class=\"number\">12</td>"
                + "<td class=\"number\">NaN</td></tr></tbody>"))
    #expect(html.contains("<strong>Loss per epoch. </strong>Loss &lt;by&gt; epoch"))
    #expect(html.contains("<title>A &lt;small&gt; &amp; quick test</title>"))
    #expect(!html.contains("<script>alert"))
}

@Test func figuresAreInlineWithDownloadLinksToTheirFiles() throws {
    let html = try SampleRun.page().html()
    #expect(
        html.contains(
            "<figure class=\"figure chart\" data-chart><svg viewBox=\"0 0 10 10\" width=\"100%\" role=\"img\">"))
    #expect(html.contains("<a class=\"download\" href=\"test/loss-per-epoch.svg\" download>SVG</a>"))
    #expect(html.contains("<a class=\"download\" href=\"test/examples.png\" download>PNG</a>"))
    let png = Data(try PNGWriterFixture.encoded()).base64EncodedString()
    #expect(
        html.contains(
            "<button class=\"zoom\" type=\"button\" title=\"Show at full size\"><img src=\"data:image/png;base64,\(png)\" "
                + "alt=\"Examples: rows MLP VAE\" width=\"2\" height=\"1\"></button>"))
    #expect(
        html.contains(
            "<div class=\"column-labels\" aria-hidden=\"true\"><span style=\"left:25.000%\">0</span>"
                + "<span style=\"left:75.000%\">1</span></div><div class=\"row-labels\" aria-hidden=\"true\">"
                + "<span style=\"top:50.000%\">MLP VAE</span></div>"))
    #expect(html.contains("<input type=\"range\" min=\"0\" max=\"1\" step=\"1\" value=\"0\" data-labels=\"0 1\">"))
}

@Test(arguments: [(true, true), (false, false)])
func theSliderFollowsTheFiguresInterpolationFlagNotItsLabels(interpolates: Bool, hasSlider: Bool) throws {
    let labels = GridLabels(
        rows: ["a"], rowCenters: [0.5], columns: ["0", "1"], columnCenters: [0.25, 0.75], width: 2, height: 1,
        interpolates: interpolates)
    let png = Data(try PNGWriterFixture.encoded())
    var html = HTMLBuilder()
    FigureView(figure: DisplayFigure(image: .png(png), caption: "c", title: "Latent interpolation", grid: labels))
        .render(into: &html)
    #expect(html.text.contains("data-interpolation") == hasSlider)
    #expect(html.text.contains("<input type=\"range\"") == hasSlider)
}

@Test func thePageNamesNoWebAddressButThoseInTheProse() throws {
    let html = try SampleRun.page().html()
    // `http-equiv` is the Content-Security-Policy's attribute, not an address.
    let addresses = html.ranges(of: "http").filter { !html[$0.upperBound...].hasPrefix("-equiv") }.map { range in
        String(html[range.lowerBound...].prefix { $0 != "\"" && $0 != "<" && $0 != ")" })
    }
    #expect(addresses == ["https://example.org/docs"])
}

@Test func theProseIsRenderedWithTablesListsQuotesAndAnchoredHeadings() throws {
    let html = try SampleRun.page().html()
    let prose = try #require(section(of: html, from: "<div class=\"prose\">", to: "</div>"))
    #expect(
        prose
            == "<div class=\"prose\"><p>Some <em>prose</em> with <code>code</code> and a "
            + "<a href=\"https://example.org/docs\">link</a>.</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n"
            + "</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n"
            + "<ul>\n<li>first</li>\n<li>second</li>\n</ul>\n<blockquote>\n<p>a quote</p>\n</blockquote>\n"
            + "<h2 id=\"data\">Data</h2>\n</div>")
    #expect(
        html.contains(
            "<nav class=\"contents\" aria-label=\"Contents\"><p class=\"contents-title\">Contents</p><ol>"
                + "<li><a href=\"#data\">Data</a></li><li><a href=\"#broken\">Broken</a></li></ol></nav>"))
    #expect(html.contains("<h1>A &lt;small&gt; &amp; quick test</h1>"))
}

@Test func everyTagThePageOpensIsClosedInOrder() throws {
    let html = try SampleRun.page().html()
    #expect(TagBalance.problems(in: html) == [])
}

@Test func theTagCheckerFindsAnUnclosedTag() {
    #expect(TagBalance.problems(in: "<div><p>a</div>") == ["</div> closes <p>", "<div> is never closed"])
}

/// The part of `html` from the first `start` to the first `end` after it, both included.
func section(of html: String, from start: String, to end: String) -> String? {
    guard let lower = html.range(of: start), let upper = html.range(of: end, range: lower.upperBound..<html.endIndex)
    else { return nil }
    return String(html[lower.lowerBound..<upper.upperBound])
}
