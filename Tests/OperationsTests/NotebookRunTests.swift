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
    let path = FixturePaths.projectRoot.appendingPathComponent("Notebooks/vae_architectures.md").path
    let document = Document(
        source: SourceFile(
            path: "Notebooks/vae_architectures.md", text: try String(contentsOfFile: path, encoding: .utf8)))
    let overrides = ["epochs=1", "train_images=256", "test_images=64", "batch=64"]
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(document, overrides: overrides)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("nb-arch-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let record = Executor(plan: try #require(plan), cache: CacheStore(directory: output), observer: nil).run()
    let failures = record.statements.filter { $0.status != .ran }.map { "\($0.source): \($0.message ?? "")" }
    #expect(failures.isEmpty, "\(failures)")
    let quoted = Dictionary(
        record.statements.filter { $0.cell == nil }.map { ($0.source, $0.display) }, uniquingKeysWith: { a, _ in a })
    // pooled: 5×5 convolution 32·25 + 32, 3×3 convolution 64·32·9 + 64, heads 2·(3136·20 + 20), and the
    // CNN's decoder 20·3136 + 3136 + 64·32·9 + 32 + 32·9 + 1.
    #expect(quoted["parameters(pooled_fit)"] == .text("229417"))
    #expect(quoted["parameters(deeper_fit)"] == .text("259241"))
    #expect(quoted["parameters(baseline_fit)"] == .text("265833"))
}
