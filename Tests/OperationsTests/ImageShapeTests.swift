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

private func mismatch(_ model: String, argument: String, side: Int) -> String {
    "'\(model)' takes images of 1×28×28 but '\(argument):' is MNIST train, whose images are 1×\(side)×\(side); "
        + "nb's models are built for 28×28 grey images (MNIST's IDX format): resize the data set's images to 28×28"
}

/// Before, 32×32 images trained (exit 0) as if they were 28×28, and 1×1 images crashed the CNN in
/// OpenBLAS; now every operation that gives them to a model fails with both shapes.
@Test(arguments: [32, 1])
func imagesThatAreNot28By28AreRefusedByEveryOperationGivenAModel(side: Int) throws {
    let folder = try writeDataSet(count: 20, height: side, width: side)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = try writeDataSet(count: 20, height: 28, width: 28)
    defer { try? FileManager.default.removeItem(at: good) }
    let results = try run(
        """
        d = mnist(data: "\(folder.path)")
        ok = mnist(data: "\(good.path)")
        m = mlp_vae(hidden: [8], latent: 2)
        c = cnn_vae(channels: [4, 4], latent: 2)
        f = train(m, on: d, epochs: 1)
        g = train(c, on: d, epochs: 1)
        h = train(c, on: ok, validate: d, epochs: 1, batch: 10)
        k = train(c, on: ok, epochs: 1, batch: 10)
        metrics(k, on: d)
        reconstructions(k, images: d)
        interpolation(k, images: d)
        latent_map(k, images: d)
        """)
    #expect(
        results.map(\.0) == [
            .ran, .ran, .ran, .ran, .failed, .failed, .failed, .ran, .failed, .failed, .failed, .failed,
        ])
    let failures = results.filter { $0.0 == .failed }.map(\.1)
    #expect(
        failures == [
            mismatch("MLP VAE", argument: "on", side: side), mismatch("CNN VAE", argument: "on", side: side),
            mismatch("CNN VAE", argument: "validate", side: side), mismatch("CNN VAE", argument: "on", side: side),
            mismatch("CNN VAE", argument: "images", side: side), mismatch("CNN VAE", argument: "images", side: side),
            mismatch("CNN VAE", argument: "images", side: side),
        ])
}
