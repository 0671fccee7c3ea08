import Foundation
import Notebook
import Operations
import Runner
import TestSupport
import Testing

/// Writes `count` random `height`×`width` images with labels as IDX files in a fresh folder.
private func writeDataSet(count: Int, height: Int, width: Int) throws -> URL {
    func word(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nb-shape-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var generator = SystemRandomNumberGenerator()
    let pixels = (0..<count * height * width).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let images = word(0x803) + word(count) + word(height) + word(width) + pixels
    let labels = word(0x801) + word(count) + (0..<count).map { UInt8($0 % 10) }
    try Data(images).write(to: folder.appendingPathComponent("train-images-idx3-ubyte"))
    try Data(labels).write(to: folder.appendingPathComponent("train-labels-idx1-ubyte"))
    return folder
}

/// Runs `code` as one cell and returns each statement's status and message.
private func run(_ code: String) throws -> [(StatementStatus, String?)] {
    let document = Document(source: SourceFile(path: "x.md", text: "```nb\n" + code + "\n```\n"))
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(document)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("nb-shape-out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let record = Executor(plan: try #require(plan), cache: CacheStore(directory: output), observer: nil).run()
    return record.statements.map { ($0.status, $0.message) }
}

private func mismatch(_ fit: String, argument: String, side: Int) -> String {
    "'\(fit)' was trained on images of 1×28×28 but '\(argument):' is MNIST train, whose images are "
        + "1×\(side)×\(side); pass a data set of 1×28×28 images"
}

/// Before, 32×32 images trained (exit 0) as if they were 28×28, and 1×1 images crashed the CNN in
/// OpenBLAS; now a fit given images of another size than it was trained on is an error before
/// anything runs, at the data set's argument, for every operation given both.
@Test(arguments: [32, 1])
func imagesOfAnotherSizeThanAFitWasTrainedOnAreRefusedByEveryOperationGivenIt(side: Int) throws {
    let folder = try writeDataSet(count: 20, height: side, width: side)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = try writeDataSet(count: 20, height: 28, width: 28)
    defer { try? FileManager.default.removeItem(at: good) }
    let source = """
        ```nb
        d = mnist(data: "\(folder.path)")
        ok = mnist(data: "\(good.path)")
        c = cnn_vae(channels: [4, 4], latent: 2)
        k = train(c, on: ok, epochs: 1, batch: 10)
        metrics(k, on: d)
        reconstructions(k, images: d)
        interpolation(k, images: d)
        latent_map(k, images: d)
        test_loss(k, on: d)
        ```

        """
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(
        Document(source: SourceFile(path: "x.md", text: source)))
    #expect(plan == nil)
    #expect(
        diagnostics.map { "\($0.range?.start.description ?? "-"): \($0.message)" } == [
            "6:16: " + mismatch("k", argument: "on", side: side),
            "7:28: " + mismatch("k", argument: "images", side: side),
            "8:26: " + mismatch("k", argument: "images", side: side),
            "9:23: " + mismatch("k", argument: "images", side: side),
            "10:18: " + mismatch("k", argument: "on", side: side),
        ])
}

/// The shorthands take their input sizes from the data: both train on 32×32 images.
@Test func theShorthandsTrainOnImagesOfAnySizeTheirLayersTake() throws {
    let folder = try writeDataSet(count: 20, height: 32, width: 32)
    defer { try? FileManager.default.removeItem(at: folder) }
    let results = try run(
        """
        d = mnist(data: "\(folder.path)")
        f = train(mlp_vae(hidden: [8], latent: 2), on: d, epochs: 1, batch: 10)
        g = train(cnn_vae(channels: [4, 4], latent: 2), on: d, epochs: 1, batch: 10)
        """)
    #expect(results.map(\.0) == [.ran, .ran, .ran])
}

/// What the data's header says is checked against the model before anything runs.
@Test func aModelThatCannotTakeTheDatasImagesIsACheckError() throws {
    let tiny = try writeDataSet(count: 20, height: 1, width: 1)
    defer { try? FileManager.default.removeItem(at: tiny) }
    let good = try writeDataSet(count: 20, height: 28, width: 28)
    defer { try? FileManager.default.removeItem(at: good) }
    let source = """
        ```nb
        d = mnist(data: "\(tiny.path)")
        ok = mnist(data: "\(good.path)")
        c = cnn_vae(channels: [4, 4], latent: 2)
        g = train(c, on: d)
        h = train(c, on: ok, validate: d)
        ```

        """
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(
        Document(source: SourceFile(path: "x.md", text: source)))
    #expect(plan == nil)
    #expect(
        diagnostics.map { "\($0.range?.start.description ?? "-"): \($0.message)" } == [
            "4:5: cnn_vae halves the images twice and doubles them back, so their sides must be multiples of 4, "
                + "but they are 1×1×1; write the model out with vae(encoder:, decoder:) for this size",
            "6:32: 'CNN VAE' was trained on images of 1×28×28 but 'validate:' is MNIST train, whose images are 1×1×1; "
                + "pass a data set of 1×28×28 images",
        ])
}
