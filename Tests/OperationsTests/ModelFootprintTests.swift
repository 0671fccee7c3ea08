import Engine
import Foundation
import Notebook
import Runner
import Testing

@testable import Operations

private func spec(_ family: ModelSpec.Family, _ widths: [Int]) -> ModelSpec {
    ModelSpec(
        family: family, widths: widths, latent: 20, activation: .relu, batchNorm: false,
        imageShape: ModelSpec.supportedImageShape, seed: 0, name: "m")
}

/// The estimates decide what is refused, so they must be close to the models actually built.
@Test(arguments: [(ModelSpec.Family.mlp, [400, 400]), (.mlp, [16]), (.cnn, [32, 64, 64]), (.cnn, [4, 8])])
func theParameterEstimateIsWithinFivePercentOfTheBuiltModel(family: ModelSpec.Family, widths: [Int]) {
    let model = spec(family, widths)
    let built = Double(model.build().parameterCount)
    #expect(abs(Double(model.estimatedParameters) - built) / built < 0.05, "\(model.estimatedParameters) vs \(built)")
}

/// Before, a model of forty 8192-wide layers was allocated until the kernel killed nb.
@Test func aModelLargerThanHalfTheMachinesMemoryIsAnErrorBeforeAnythingIsAllocated() throws {
    let hidden = Array(repeating: "8192", count: 40).joined(separator: ", ")
    let document = Document(
        source: SourceFile(path: "x.md", text: "```nb\nm = mlp_vae(hidden: [\(hidden)])\nsummary(m)\n```\n"))
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(document)
    #expect(diagnostics.isEmpty)
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("nb-size-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let record = Executor(plan: try #require(plan), cache: CacheStore(directory: output), observer: nil).run()
    #expect(record.statements.map(\.status) == [.failed, .skipped])
    let message = try #require(record.statements.first?.message)
    #expect(message.hasPrefix("the model 'MLP VAE' needs about 84.0 GB of memory, more than the "), "\(message)")
    #expect(message.hasSuffix(" nb allows (half of this machine's); use fewer or narrower layers"))
    #expect(
        ModelSizeError.tooLarge(
            model: "CNN VAE", what: "training", bytes: 3.2e10, budget: 1.2e10, advice: "use a smaller batch"
        )
        .description
            == "training 'CNN VAE' needs about 32.0 GB of memory, more than the 12.0 GB nb allows (half of this "
            + "machine's); use a smaller batch")
}

@Test func trainingAtABatchThatCannotFitIsRefused() {
    let model = spec(.cnn, [1024, 1024, 1024])
    #expect(model.estimatedTrainingBytes(batch: 128) < 4e9)
    #expect(model.estimatedTrainingBytes(batch: 65536) > ModelSpec.memoryBudget)
}
