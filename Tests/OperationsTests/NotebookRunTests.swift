import Foundation
import Notebook
import Operations
import Runner
import TestSupport
import Testing

/// Runs `Notebooks/vae_compare.md` with the built-in operations on a few images for one epoch.
@Test func theVAENotebookRunsEndToEndOnASmallSubset() throws {
    let path = FixturePaths.projectRoot.appendingPathComponent("Notebooks/vae_compare.md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let document = Document(source: SourceFile(path: "Notebooks/vae_compare.md", text: text))
    let overrides = ["epochs=1", "train_images=256", "test_images=64", "batch=64"]
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(document, overrides: overrides)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let checked = try #require(plan)
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("nb-e2e-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let record = Executor(plan: checked, cache: CacheStore(directory: output), observer: nil).run()

    let failures = record.statements.filter { $0.status != .ran }.map { "\($0.source): \($0.message ?? "")" }
    #expect(failures.isEmpty, "\(failures)")
    let displayed = record.statements.filter { $0.binding == nil && $0.cell != nil }
    let inline = record.statements.filter { $0.cell == nil }
    #expect(inline.count == document.inlineExpressions.count)
    #expect(inline.allSatisfy { ["Int", "Float", "String"].contains($0.type) }, "\(inline.map(\.type))")
    let quoted = Dictionary(inline.map { ($0.source, $0.display) }, uniquingKeysWith: { a, _ in a })
    #expect(quoted["parameters(cnn_fit)"] == .text("265833"))
    #expect(quoted["train_images"] == .text("256"))
    #expect(quoted["epochs_trained(cnn_fit)"] == .text("1"))
    #expect(quoted["percent(ratio(parameters(cnn_fit), to: parameters(mlp_fit)))"] == .text("27%"))
    let comparison =
        "compare(test_loss(cnn_fit, on: test), test_loss(mlp_fit, on: test), less: \"lower\", greater: \"higher\")"
    #expect([.text("lower"), .text("higher")].contains(quoted[comparison]))
    guard
        case .text(let speedRatio)?? = quoted[
            "format(ratio(images_per_second(mlp_fit), to: images_per_second(cnn_fit)), digits: 1)"]
    else {
        Issue.record("the speed ratio is not quoted")
        return
    }
    #expect(speedRatio.wholeMatch(of: /[0-9]+\.[0-9]/) != nil, "\(speedRatio)")
    #expect(
        displayed.map(\.source) == [
            "test", "summary(mlp, cnn)", "loss_curves(mlp_fit, cnn_fit)",
            "reconstructions(mlp_fit, cnn_fit, images: test, count: 10)", "samples(mlp_fit, cnn_fit, count: 10)",
            "interpolation(mlp_fit, cnn_fit, images: test, from: 0, to: 1, steps: 10)",
            "latent_map(mlp_fit, cnn_fit, images: test, limit: test_images)", "metrics(mlp_fit, cnn_fit, on: test)",
            "save(mlp_fit, path: \"Output/vae_compare/mlp.safetensors\")",
            "save(cnn_fit, path: \"Output/vae_compare/cnn.safetensors\")",
        ])
    for statement in displayed { #expect(statement.display != nil, "\(statement.source) shows nothing") }
    let fit = record.statements.first { $0.binding == "mlp_fit" }
    guard case .list(let fitItems) = fit?.display, case .text(let headline) = fitItems.first else {
        Issue.record("mlp_fit shows no headline")
        return
    }
    #expect(headline.hasPrefix("MLP VAE trained on MNIST train for 1 epoch in "), "\(headline)")

    let byName = Dictionary(
        displayed.map { ($0.source.prefix { $0 != "(" }, $0.display) }, uniquingKeysWith: { a, _ in a })
    guard case .table(let metrics) = byName["metrics"] else {
        Issue.record("metrics shows no table")
        return
    }
    #expect(metrics.rows.map { $0[0] } == [.text("MLP VAE"), .text("CNN VAE")])
    #expect(metrics.rows.map { $0[1] } == [.number(973_624), .number(265_833)])
    guard case .list(let curves) = byName["loss_curves"] else {
        Issue.record("loss_curves shows no list of figures")
        return
    }
    #expect(curves.count == 2)
    for kind in ["reconstructions", "samples", "interpolation"] {
        guard case .figure(let figure) = byName[Substring(kind)], case .png(let png) = figure.image else {
            Issue.record("\(kind) shows no PNG figure")
            continue
        }
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(figure.grid?.interpolates == (kind == "interpolation"), "\(kind)'s slider flag")
    }
}

/// Runs `Notebooks/vae_architectures.md`, whose models are composed layer by layer, on a few images.
@Test func theArchitecturesNotebookRunsEndToEndOnASmallSubset() throws {
    let (_, quoted) = try runOnASmallSubset("Notebooks/vae_architectures.md")
    // pooled: 5×5 convolution 32·25 + 32, 3×3 convolution 64·32·9 + 64, heads 2·(3136·20 + 20), and the
    // CNN's decoder 20·3136 + 3136 + 64·32·9 + 32 + 32·9 + 1.
    #expect(quoted["parameters(pooled_fit)"] == .text("229417"))
    #expect(quoted["parameters(deeper_fit)"] == .text("259241"))
    #expect(quoted["parameters(baseline_fit)"] == .text("265833"))
}

/// Runs `Notebooks/classifier_compare.md` on a few images of MNIST and Fashion-MNIST for one epoch.
@Test func theClassifierNotebookRunsEndToEndOnASmallSubset() throws {
    let (record, quoted) = try runOnASmallSubset("Notebooks/classifier_compare.md")
    // Convolutions 32·9 + 32 and 64·32·9 + 64, then 1600·10 + 10; the MLP 784·400 + 400 + 400·400 + 400 + 400·10 + 10.
    #expect(quoted["format(parameters(mnist_cnn_fit))"] == .text("34,826"))
    #expect(quoted["format(parameters(mnist_mlp_fit))"] == .text("478,410"))
    guard case .text(let accuracy)?? = quoted["percent(accuracy(mnist_cnn_fit, on: mnist_test), digits: 2)"] else {
        Issue.record("the CNN's accuracy is not quoted")
        return
    }
    #expect(accuracy.wholeMatch(of: /[0-9]{1,3}\.[0-9]{2}%/) != nil, "\(accuracy)")

    let displayed = record.statements.filter { $0.binding == nil && $0.cell != nil }
    for statement in displayed { #expect(statement.display != nil, "\(statement.source) shows nothing") }
    let figures = Dictionary(
        displayed.map { ($0.source, $0.display) }, uniquingKeysWith: { a, _ in a })
    guard case .list(let curves)?? = figures["loss_curves(fashion_mlp_fit, fashion_cnn_fit)"] else {
        Issue.record("loss_curves shows no list of figures")
        return
    }
    #expect(
        curves.compactMap { item -> String? in
            guard case .figure(let figure) = item else { return nil }
            return figure.title
        } == ["Loss per epoch", "Accuracy per epoch", "Loss against time"])
    if case .figure(let loss) = curves.first, case .svg(let lossSVG) = loss.image {
        #expect(lossSVG.contains(">loss per image (cross-entropy, nats)</text>"))
    }
    guard case .figure(let matrix)?? = figures["confusion_matrix(fashion_cnn_fit, on: fashion_test)"],
        case .svg(let matrixSVG) = matrix.image
    else {
        Issue.record("confusion_matrix shows no SVG figure")
        return
    }
    #expect(matrixSVG.contains(">T-shirt/top</text>") && matrixSVG.contains(">Ankle boot</text>"))
    guard case .figure(let mistakes)?? = figures["mistakes(mnist_mlp_fit, on: mnist_test, count: 16)"],
        case .svg(let mistakesSVG) = mistakes.image
    else {
        Issue.record("mistakes shows no SVG figure")
        return
    }
    // 64 test images after one epoch on 256 leave a dozen or more mistakes, of which at most 16 are shown.
    let match = try #require(mistakes.caption.firstMatch(of: /The first ([0-9]+) of the ([0-9]+) images/))
    let (shown, wrong) = (try #require(Int(match.1)), try #require(Int(match.2)))
    #expect(shown == min(16, wrong) && shown > 0, "\(mistakes.caption)")
    #expect(mistakesSVG.components(separatedBy: "class=\"captioned-image\"").count - 1 == shown)
    #expect(
        displayed.map(\.source).filter { $0.hasPrefix("save(") } == [
            "save(mnist_mlp_fit, path: \"Output/classifier_compare/mnist_mlp.safetensors\")",
            "save(mnist_cnn_fit, path: \"Output/classifier_compare/mnist_cnn.safetensors\")",
            "save(fashion_mlp_fit, path: \"Output/classifier_compare/fashion_mlp.safetensors\")",
            "save(fashion_cnn_fit, path: \"Output/classifier_compare/fashion_cnn.safetensors\")",
        ])
}

/// Runs `Notebooks/tabular.md` whole (a few seconds): every model beats 90% on the test rows of
/// Debian's scikit-learn tables, whose summaries describe their features.
@Test func theTabularNotebookRunsOnScikitLearnsTables() throws {
    let (record, quoted) = try runOnASmallSubset("Notebooks/tabular.md", overrides: [])
    for fit in ["wine_linear_fit", "wine_mlp_fit", "cancer_linear_fit", "cancer_mlp_fit"] {
        let test = fit.hasPrefix("wine") ? "wine_test" : "cancer_test"
        guard case .text(let percent)?? = quoted["percent(accuracy(\(fit), on: \(test)))"],
            let value = Int(percent.dropLast())
        else {
            Issue.record("\(fit)'s accuracy is not quoted")
            continue
        }
        #expect(value >= 90, "\(fit): \(percent)")
    }
    let shown = Dictionary(record.statements.map { ($0.source, $0.display) }, uniquingKeysWith: { a, _ in a })
    guard case .list(let summary)?? = shown["wine_test"] else {
        Issue.record("wine_test shows no summary")
        return
    }
    #expect(summary.first == .text("wine_data.csv test: 45 rows of 13 features"))
    #expect(
        summary.contains(
            .text("Rows are split into train and test by class: 25% of each class to test, chosen by seed 0.")))
}

/// Runs the notebook at `path` (from the project's root) for one epoch on 256 training and 64 test
/// images, expecting every statement to run; returns the record and the prose's values by source.
func runOnASmallSubset(
    _ path: String, overrides: [String] = ["epochs=1", "train_images=256", "test_images=64", "batch=64"]
) throws -> (RunRecord, [String: DisplayValue?]) {
    let text = try String(contentsOfFile: FixturePaths.projectRoot.appendingPathComponent(path).path, encoding: .utf8)
    let document = Document(source: SourceFile(path: path, text: text))
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(document, overrides: overrides)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("nb-subset-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let record = Executor(plan: try #require(plan), cache: CacheStore(directory: output), observer: nil).run()
    let failures = record.statements.filter { $0.status != .ran }.map { "\($0.source): \($0.message ?? "")" }
    #expect(failures.isEmpty, "\(failures)")
    let quoted = Dictionary(
        record.statements.filter { $0.cell == nil }.map { ($0.source, $0.display) }, uniquingKeysWith: { a, _ in a })
    return (record, quoted)
}
