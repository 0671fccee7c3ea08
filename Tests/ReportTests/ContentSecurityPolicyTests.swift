import Figures
import Foundation
import Notebook
import Operations
import Runner
import TestSupport
import Testing

@testable import Report

@Suite struct ContentSecurityPolicyTests {
    /// `python3 -c "import hashlib,base64;print(base64.b64encode(hashlib.sha256(b'alert(1)').digest()))"`
    @Test func aScriptIsAllowedByTheBase64OfItsSHA256() {
        #expect(ContentSecurityPolicy.hashSource("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
        #expect(
            ContentSecurityPolicy(scripts: ["alert(1)"]).text
                == "default-src 'none'; script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; "
                + "style-src 'unsafe-inline'; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
        #expect(ContentSecurityPolicy(scripts: []).text.contains("script-src 'none';"))
    }

    /// The policy comes first in `<head>` (a policy applies only to what follows it) and allows
    /// exactly the scripts the page holds, hashed from the text between their tags.
    @Test func thePageAllowsExactlyTheScriptsItEmbeds() throws {
        let page = try SampleRun.page()
        let html = page.html()
        let head = try #require(
            html.range(of: "<head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\""))
        let bodies = html.components(separatedBy: "<script>").dropFirst().map {
            $0.components(separatedBy: "</script>")[0]
        }
        #expect(bodies == page.inlineScripts(hasMath: page.hasMath))
        #expect(!bodies.isEmpty)
        let policy = Markup.escape(ContentSecurityPolicy(scripts: bodies).text)
        #expect(html[head.upperBound...].hasPrefix(" content=\"\(policy)\">"))
        for body in bodies { #expect(policy.contains(Markup.escape(ContentSecurityPolicy.hashSource(body)))) }
    }
}

/// The live preview's page also allows its own script and talking to the server it came from.
@Test func theServedPreviewPageAllowsItsLiveScriptAndItsServer() throws {
    var page = try SampleRun.page()
    page.live = LivePage(script: "live()", banner: "x.md:1:1: error: <bad>")
    let html = page.html()
    let policy = ContentSecurityPolicy(
        scripts: page.inlineScripts(hasMath: page.hasMath) + ["live()"], connectsToItsServer: true)
    #expect(policy.text.contains("connect-src 'self'"))
    #expect(html.contains("content=\"\(Markup.escape(policy.text))\""))
    #expect(html.contains("<script>live()</script>"))
    #expect(html.contains("<pre>x.md:1:1: error: &lt;bad&gt;</pre>"))
    #expect(!(try SampleRun.page().html()).contains("connect-src 'self'"))
}

/// Writes the report of `SampleRun` with hostile markup to `Output/report-check/hostile.html`, for
/// `Scripts/check_report_csp.py` to check in Chromium that none of it runs while nb's own script
/// does. The prose's sanitizer (`HTMLSanitizer`, from an allowlist) is the first line and removes
/// all of it; the policy is the second, so the markup is put back into the page as if a sanitizer
/// bug had let it through. Runs only when asked, with the real-run fixture:
/// `NB_WRITE_REPORT_FIXTURE=1 swift test --filter ReportTests.theReportOfHostileProse`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["NB_WRITE_REPORT_FIXTURE"] == "1"))
func theReportOfHostileProseIsWrittenForTheBrowserCheck() throws {
    // Each appends its name to window.nbInjected if it runs.
    let hostile = """
        <p>A <sub>sub</sub>script and a <a href="javascript:window.nbInjected=(window.nbInjected||[]).concat('link')">link</a>.</p>
        <script>window.nbInjected = (window.nbInjected || []).concat("script");</script>
        <img src="data:," alt="" onerror="window.nbInjected = (window.nbInjected || []).concat('onerror')">
        <div onmouseover="window.nbInjected = (window.nbInjected || []).concat('onmouseover')">hover</div>
        """
    let text = SampleRun.markdown + "\n\n## Hostile prose\n\n" + hostile + "\n"
    let document = Document(source: SourceFile(path: "Notebooks/hostile.md", text: text))
    var record = try SampleRun.record()
    record.notebook = "Notebooks/hostile.md"
    let output = FixturePaths.projectRoot.appendingPathComponent("Output/report-check")
    let page = try ReportPage(document: document, record: record, context: SampleRun.context).write(to: output)
    #expect(page.lastPathComponent == "hostile.html")
    let sanitized = try String(contentsOf: page, encoding: .utf8)
    for markup in ["<script>window.nbInjected", " onerror=", " onmouseover=", "href=\"javascript:"] {
        #expect(!sanitized.contains(markup), "the prose's sanitizer let \(markup) through")
    }
    let bypassed = sanitized.replacingOccurrences(of: "</main>", with: hostile + "</main>")
    try Data(bypassed.utf8).write(to: page)
    #expect(
        bypassed.contains("window.nbInjected"), "the hostile markup must reach the page for the check to mean anything")
}

/// The prose of issue 25's hostile round, as the sanitizer leaves it, for
/// `Scripts/check_report_sanitized.py` to open in Chromium: a `<noscript>` whose attribute closed
/// it early and let a `<meta>` refresh, an `<img onerror>`, a `<script src>`, an `<iframe>`, an
/// `<object>` and a `<link>` through, and the encodings that only the policy used to stop. The
/// check fails if the page navigates, requests anything, or holds any of those elements.
/// `NB_WRITE_REPORT_FIXTURE=1 swift test --filter ReportTests.theReportOfSanitizedProse`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["NB_WRITE_REPORT_FIXTURE"] == "1"))
func theReportOfSanitizedProseIsWrittenForTheBrowserCheck() throws {
    let leak = "http://127.0.0.1:9/leak"
    let hostile = [
        "<noscript><p title=\"</noscript><meta http-equiv=refresh content='0;url=\(leak)'>\"></noscript>",
        "<noscript><p title=\"</noscript><img src=x onerror=window.nbInjected=1>\"></noscript>",
        "<noscript><p title=\"</noscript><script src=\(leak)></script>\"></noscript>",
        "<noscript><p title=\"</noscript><iframe src=\(leak)></iframe><object data=\(leak)></object>\"></noscript>",
        "<noscript><p title=\"</noscript><link rel=stylesheet href=\(leak)><base href=\(leak)>\"></noscript>",
        "<a href=\"&#0000106avascript:window.nbInjected=1\">a</a>",
        "<svg><set attributeName=\"href\" to=\"javascript:window.nbInjected=1\"></set></svg>",
        "<p style=\"background:url&#40;\(leak))\">styled</p>",
    ]
    let text = SampleRun.markdown + "\n\n## Hostile prose\n\n" + hostile.joined(separator: "\n\n") + "\n"
    let document = Document(source: SourceFile(path: "Notebooks/sanitized.md", text: text))
    var record = try SampleRun.record()
    record.notebook = "Notebooks/sanitized.md"
    let output = FixturePaths.projectRoot.appendingPathComponent("Output/report-check")
    let page = try ReportPage(document: document, record: record, context: SampleRun.context).write(to: output)
    #expect(page.lastPathComponent == "sanitized.html")
    #expect(try String(contentsOf: page, encoding: .utf8).contains("&lt;/noscript&gt;&lt;meta http-equiv=refresh"))
}
