import Figures
import Foundation
import Notebook
import Report
import Runner

/// A small notebook and a hand-made record of a run of it: one cell that ran and displayed text,
/// a table and two figures, and one cell whose first statement failed and second was skipped.
enum SampleRun {
    /// The notebook; its cells' code is on lines 25–26 and 32–33.
    static let markdown = """
        ---
        title: A <small> & quick test
        seed: 7
        params:
          epochs: 10
          lr: 0.001
        ---

        # A <small> & quick test

        Some *prose* with `code` and a [link](https://example.org/docs).

        | a | b |
        | --- | --- |
        | 1 | 2 |

        - first
        - second

        > a quote

        ## Data

        ```nb
        x = thing(count: epochs)   # a comment
        x
        ```

        ## Broken

        ```nb
        y = broken(x, label: "s")
        y
        ```
        """

    static let document = Document(source: SourceFile(path: "Notebooks/test.md", text: markdown))

    /// A 2×1 RGB bitmap: one red pixel, one blue.
    static func bitmap() throws -> Bitmap {
        try Bitmap(width: 2, height: 1, format: .rgb, pixels: [255, 0, 0, 0, 0, 255])
    }

    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="100%" role="img"><title>Loss</title>\
        <g class="series series-0" data-series="A &amp; B"><path d="M0 0L10 10"/></g>\
        <g class="legend"><g class="legend-entry series-0" data-series="A &amp; B"><text>A &amp; B</text></g></g></svg>

        """

    static func figures() throws -> [DisplayFigure] {
        let png = Data(try PNGWriter.encode(try bitmap()))
        let labels = GridLabels(
            rows: ["MLP VAE"], rowCenters: [0.5], columns: ["0", "1"], columnCenters: [0.25, 0.75], width: 2, height: 1,
            interpolates: true)
        return [
            DisplayFigure(image: .png(png), caption: "Two pixels & a grid", title: "Examples", grid: labels),
            DisplayFigure(image: .svg(svg), caption: "Loss <by> epoch", title: "Loss per epoch"),
        ]
    }

    static func record() throws -> RunRecord {
        let figures = try figures()
        let table = DisplayTable(
            columns: ["name", "count", "loss"],
            rows: [
                [.text("<script>alert(1)</script>"), .number(1_234_567), .number(0.012_345_6)],
                [.text("b & c"), .number(12), .number(.nan)],
            ])
        func range(_ line: Int, _ from: Int, _ to: Int) -> SourceRange {
            SourceRange(start: SourceLocation(line: line, column: from), end: SourceLocation(line: line, column: to))
        }
        let statements = [
            StatementRecord(
                index: 0, cell: 0, range: range(25, 1, 25), source: "x = thing(count: epochs)", binding: "x",
                status: .ran, cacheHit: false, seconds: 41.24, seed: 1, key: "a", display: .text("bound"),
                message: nil),
            StatementRecord(
                index: 1, cell: 0, range: range(26, 1, 2), source: "x", binding: nil, status: .cached, cacheHit: true,
                seconds: 0.2, seed: 2, key: "b",
                display: .list([
                    .text("x has 3 <items> & more"), .table(table), .figure(figures[0]), .figure(figures[1]),
                ]),
                message: nil),
            StatementRecord(
                index: 2, cell: 1, range: range(32, 1, 26), source: "y = broken(x, label: \"s\")", binding: "y",
                status: .failed, cacheHit: false, seconds: 0.5, seed: 3, key: "c", display: nil,
                message: "broken: x must be positive"),
            StatementRecord(
                index: 3, cell: 1, range: range(33, 1, 2), source: "y", binding: nil, status: .skipped,
                cacheHit: false, seconds: 0, seed: 4, key: "d", display: nil,
                message: "not run: it reads 'y' (line 32), which failed"),
        ]
        return RunRecord(
            notebook: "Notebooks/test.md", title: "A <small> & quick test", seed: 7,
            parameters: [
                .init(name: "epochs", type: "Int", value: "1", overridden: true),
                .init(name: "lr", type: "Float", value: "0.001", overridden: false),
            ],
            statements: statements, startedAt: "2025-03-01T14:05:09Z", seconds: 185.5)
    }

    static let context = ReportContext(
        version: "0.1.0", gitCommit: "abc1234", gitDirty: true,
        machine: .init(cores: 2, blas: "OpenBLAS 0.3.21, Haswell kernels, 2 threads"))

    static func page() throws -> ReportPage {
        ReportPage(document: document, record: try record(), context: context)
    }
}
