import Files
import Foundation
import Notebook
import Operations
import Report
import Runner
import TestSupport
import Testing

/// Writes the report of a small real run of `Notebooks/vae_compare.md` (1 epoch, 512 training
/// and 128 test images, after a run on 256) to `Output/report-check/vae_compare.html`, for `Scripts/check-report` to
/// open in a browser, and the run as `vae_compare.ipynb` beside it for `Scripts/check-ipynb`. It trains two models for a few seconds, so it runs only when asked:
/// `NB_WRITE_REPORT_FIXTURE=1 swift test --filter ReportTests.theReportOfASmallRealRunIsWritten`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["NB_WRITE_REPORT_FIXTURE"] == "1"))
func theReportOfASmallRealRunIsWrittenForTheBrowserCheck() throws {
    let path = FixturePaths.projectRoot.appendingPathComponent("Notebooks/vae_compare.md").path
    // A table of computed values, which once rendered as empty cells (issue 25, item 2).
    let table = """

        | model | parameters | test loss |
        | --- | ---: | ---: |
        | MLP | `{nb} parameters(mlp_fit)` | `{nb} test_loss(mlp_fit, on: test)` |
        | CNN | `{nb} parameters(cnn_fit)` | `{nb} test_loss(cnn_fit, on: test)` |

        """
    let text = try String(contentsOfFile: path, encoding: .utf8) + table
    let document = Document(source: SourceFile(path: "Notebooks/vae_compare.md", text: text))
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("nb-report-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    // Two runs, the second on fewer test images, so the page marks the numbers that changed.
    var last: RunRecord?
    for testImages in [256, 128] {
        let overrides = ["epochs=1", "train_images=512", "test_images=\(testImages)"]
        let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(document, overrides: overrides)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        last = Executor(
            plan: try #require(plan), cache: CacheStore(directory: cache), observer: nil, previous: last
        ).run()
    }
    let record = try #require(last)
    #expect(record.succeeded)
    #expect(record.previous != nil)

    let context = ReportContext(
        version: "test", gitCommit: nil,
        machine: .init(cores: ProcessInfo.processInfo.activeProcessorCount, blas: "OpenBLAS (test run)"),
        katex: try String(contentsOfFile: ReportContext.katexPath, encoding: .utf8))
    let output = FixturePaths.projectRoot.appendingPathComponent("Output/report-check")
    let page = try ReportPage(document: document, record: record, context: context).write(to: output)
    try AtomicFile.write(
        try NotebookExport(document: document, record: record).json(),
        to: output.appendingPathComponent("vae_compare.ipynb"))
    let size = try #require(try FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int)
    #expect(size < 5_000_000)
}

/// Writes `Output/report-check/math.html`: three formulas KaTeX reads (inline, `$$`, a `math`
/// fence) and one it cannot, which `Scripts/check-report --math 3,1` expects as MathML and as an
/// error in place.
@Test(.enabled(if: ProcessInfo.processInfo.environment["NB_WRITE_REPORT_FIXTURE"] == "1"))
func aReportWithMathIsWrittenForTheBrowserCheck() throws {
    let text = """
        # Math

        The evidence lower bound $\\mathcal{L}(x) = \\mathbb{E}_{q}[\\log p(x \\mid z)] - D_{KL}(q \\| p)$ is
        what training maximises; it costs $5 and $6 to say so.

        $$
        D_{KL} = -\\frac{1}{2} \\sum_{j=1}^{J} \\left(1 + \\log \\sigma_j^2 - \\mu_j^2 - \\sigma_j^2\\right)
        $$

        ```math
        \\mathrm{BCE} = -\\sum_i x_i \\log \\hat{x}_i + (1 - x_i) \\log (1 - \\hat{x}_i)
        ```

        A broken one, $\\frac{1}{$, shows KaTeX's message.

        """
    let document = Document(source: SourceFile(path: "Notebooks/math.md", text: text))
    let record = RunRecord(
        notebook: "Notebooks/math.md", title: nil, seed: 0, parameters: [], statements: [],
        startedAt: "2025-01-01T00:00:00Z", seconds: 0)
    let context = ReportContext(
        version: "test", machine: .init(cores: 1, blas: "none"),
        katex: try String(contentsOfFile: ReportContext.katexPath, encoding: .utf8))
    let output = FixturePaths.projectRoot.appendingPathComponent("Output/report-check")
    try ReportPage(document: document, record: record, context: context).write(to: output)
}
