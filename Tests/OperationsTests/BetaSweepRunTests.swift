import Runner
import Testing

@testable import Operations

/// Runs `Notebooks/beta_sweep.md`, four β by two seeds, for one epoch on 256 training and 64 test images.
@Test func theBetaSweepNotebookRunsEndToEndOnASmallSubset() throws {
    let (record, quoted) = try runOnASmallSubset("Notebooks/beta_sweep.md")
    #expect(record.statements.filter { $0.binding == "fits" }.count == 8)
    let shown = Dictionary(
        record.statements.filter { $0.binding == nil && $0.cell != nil }.map { ($0.source, $0.display) },
        uniquingKeysWith: { a, _ in a })
    guard case .table(let table)?? = shown["compare_fits(fits, on: test)"] else {
        Issue.record("compare_fits shows no table")
        return
    }
    #expect(
        table.columns == [
            "model", "beta", "n", "test loss", "test loss ± std", "test BCE", "test BCE ± std", "test KL",
            "test KL ± std", "best",
        ])
    #expect(
        table.rows.map { Array($0.prefix(3)) } == [0.5, 1, 2, 4].map { [.text("MLP VAE"), .number($0), .number(2)] })
    #expect(table.rows.map(\.last).filter { $0 == .text("★") }.count == 1)
    // Over four settings of two seeds each, the mean of all eight is the mean of the settings' means.
    let settingMeans = table.rows.compactMap { row -> Double? in
        guard case .number(let mean) = row[5] else { return nil }
        return mean
    }
    let mean = settingMeans.reduce(0, +) / 4
    #expect(
        quoted["format(mean(test_bce(fits, on: test)), digits: 1)"] == .text(ProseOperations.fixed(mean, digits: 1)))
    #expect(quoted["best(test_bce(fits, on: test))"].map { $0 == .text("beta 0.5") || $0 == .text("beta 1.0") } == true)
    guard case .list(let curves)?? = shown["loss_curves(fits)"] else {
        Issue.record("loss_curves shows no list of figures")
        return
    }
    let figures = curves.compactMap { item -> DisplayFigure? in
        guard case .figure(let figure) = item else { return nil }
        return figure
    }
    #expect(
        figures.map(\.title) == ["Loss per epoch", "Reconstruction per epoch", "KL per epoch", "Loss against time"])
    for figure in figures {
        guard case .svg(let svg) = figure.image else { continue }
        // One band per β, and on the loss per epoch one for training and one for validation.
        let bands = figure.title == "Loss per epoch" ? 8 : 4
        #expect(svg.components(separatedBy: "class=\"band\"").count - 1 == bands, "\(figure.title)")
        #expect(svg.contains("data-series=\"MLP VAE beta=4.0"))
    }
    for source in ["samples(fits, count: 10)", "reconstructions(fits, images: test, count: 10)"] {
        guard case .figure(let grid)?? = shown[source] else {
            Issue.record("\(source) shows no figure")
            continue
        }
        let settings = ["MLP VAE beta=0.5", "MLP VAE beta=1.0", "MLP VAE beta=2.0", "MLP VAE beta=4.0"]
        #expect(grid.grid?.rows == (source.hasPrefix("samples") ? settings : ["original"] + settings))
    }
}
