import Figures
import Foundation
import Notebook
import Runner
import Testing

@testable import Report

/// What is math and what stays text, by GitHub's and pandoc's dollar rules.
@Test(arguments: [
    (
        "The mean $\\mu$ and $\\sigma^2$.",
        "<p>The mean <span class=\"math math-inline\">\\mu</span> and "
            + "<span class=\"math math-inline\">\\sigma^2</span>.</p>\n"
    ),
    ("It costs $5 and $6 today.", "<p>It costs $5 and $6 today.</p>\n"),
    ("From $5 to $10$.", "<p>From <span class=\"math math-inline\">5 to $10</span>.</p>\n"),
    ("A $ lone dollar$ stays.", "<p>A $ lone dollar$ stays.</p>\n"),
    ("Ends $x $ badly.", "<p>Ends $x $ badly.</p>\n"),
    ("Pay \\$3 and $x$.", "<p>Pay $3 and <span class=\"math math-inline\">x</span>.</p>\n"),
    ("Code `$x$` stays.", "<p>Code <code>$x$</code> stays.</p>\n"),
    (
        "$a*b*c$ and $\\{x_1\\}$",
        "<p><span class=\"math math-inline\">a*b*c</span> and "
            + "<span class=\"math math-inline\">\\{x_1\\}</span></p>\n"
    ),
    (
        "$$\n\\mathcal{L} = \\mathrm{BCE} + D_{KL}\n$$",
        "<p><span class=\"math math-display\">"
            + "\\mathcal{L} = \\mathrm{BCE} + D_{KL}</span></p>\n"
    ),
    ("```math\na < b\n```", "<div class=\"math math-display\">a &lt; b</div>\n"),
    ("```\n$x$\n```", "<pre><code>$x$\n</code></pre>\n"),
    ("    $x$ indented code", "<pre><code>$x$ indented code\n</code></pre>\n"),
    ("one $x\n\ny$ two", "<p>one $x</p>\n<p>y$ two</p>\n"),
    (
        "[a](https://x.org/$1$) $y$",
        "<p><a href=\"https://x.org/$1$\">a</a> <span class=\"math math-inline\">y</span></p>\n"
    ),
    (
        "<https://x.org/$a$b> and <abbr title=\"$x$\">X</abbr>",
        "<p><a href=\"https://x.org/$a$b\">https://x.org/$a$b</a> and <abbr title=\"$x$\">X</abbr></p>\n"
    ),
])
func dollarsAreMathOnlyByGitHubsRules(markdown: String, html: String) {
    #expect(MarkdownRenderer().html(markdown) == html)
}

@Test func aHeadingWithMathIsAnchoredByItsTeX() {
    let renderer = MarkdownRenderer()
    #expect(
        renderer.html("## Loss $\\beta$")
            == "<h2 id=\"loss-beta\">Loss <span class=\"math math-inline\">\\beta</span></h2>\n")
    #expect(renderer.hasMath)
}

@Test func thePageEmbedsKaTeXOnlyWhenItsProseHasMath() throws {
    let katex = "/* katex */ window.katex = {};"
    let plain = try SampleRun.page()
    let context = ReportContext(version: "0", machine: .init(cores: 1, blas: "test"), katex: katex)
    let withoutMath = ReportPage(document: plain.document, record: plain.record, context: context)
    #expect(withoutMath.inlineScripts(hasMath: withoutMath.hasMath) == [PageScript.javaScript])
    #expect(!withoutMath.html().contains(katex))

    let source = SourceFile(path: "math.md", text: "# Math\n\nThe ELBO $\\mathcal{L}(x)$.\n")
    let document = Document(source: source)
    let record = RunRecord(
        notebook: "math.md", title: nil, seed: 0, parameters: [], statements: [], startedAt: "", seconds: 0)
    let withMath = ReportPage(document: document, record: record, context: context)
    #expect(withMath.hasMath)
    let html = withMath.html()
    #expect(html.components(separatedBy: katex).count == 2)
    #expect(html.contains("<script>\(katex)</script><script>\(MathScript.javaScript)</script>"))
}

/// A page with math gains KaTeX's script (about 270 kB) and nothing else: no fonts, no styles.
@Test func kaTeXAddsItsScriptAndNothingElse() throws {
    let katex = try String(contentsOfFile: ReportContext.katexPath, encoding: .utf8)
    #expect(katex.utf8.count > 200_000)
    let context = ReportContext(version: "0", machine: .init(cores: 1, blas: "test"), katex: katex)
    func page(_ prose: String) -> String {
        let document = Document(source: SourceFile(path: "m.md", text: prose))
        let record = RunRecord(
            notebook: "m.md", title: nil, seed: 0, parameters: [], statements: [], startedAt: "", seconds: 0)
        return ReportPage(document: document, record: record, context: context).html()
    }
    let without = page("Text 1.\n").utf8.count
    let with = page("Text $1$.\n").utf8.count
    let scripts = katex.utf8.count + MathScript.javaScript.utf8.count + 2 * "<script></script>".utf8.count
    // The Content-Security-Policy grows by the two scripts' hashes.
    let policy = { (scripts: [String]) in Markup.escape(ContentSecurityPolicy(scripts: scripts).text).utf8.count }
    let hashes =
        policy([PageScript.javaScript, katex, MathScript.javaScript]) - policy([PageScript.javaScript])
    #expect(with - without == scripts + hashes + "<span class=\"math math-inline\"></span>".utf8.count)
}
