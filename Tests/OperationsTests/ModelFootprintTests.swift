import Engine
import Foundation
import Notebook
import Runner
import Testing

@testable import Operations

private let reference: [ModelSpec.Architecture] = [
    .mlpVAE(hidden: [400, 400], latent: 20, activation: .relu, batchNorm: false),
    .mlpVAE(hidden: [16], latent: 20, activation: .relu, batchNorm: true),
    .cnnVAE(channels: [32, 64, 64], latent: 20, activation: .relu, batchNorm: false),
    .cnnVAE(channels: [4, 8], latent: 20, activation: .gelu, batchNorm: true),
    .vae(
        encoder: .sequence([
            .conv2d(channels: 8, kernel: 5, stride: 1, padding: 0), .maxPool2d(kernel: 2, stride: 2), .flatten,
        ]),
        decoder: .sequence([.linear(features: 784, bias: false), .activation(.sigmoid)]), latent: 4),
]

/// The layout decides what is refused and what the summary says, so its count must be the built model's.
@Test(arguments: reference)
func theLayoutsParameterCountIsTheBuiltModels(architecture: ModelSpec.Architecture) throws {
    let spec = ModelSpec(architecture: architecture, seed: 0, name: "m")
    let built = try spec.buildAutoencoder(input: [1, 28, 28])
    #expect(try spec.layout(for: [1, 28, 28]).parameters == built.parameterCount)
}

/// Before, a model of forty 8192-wide layers was allocated until the kernel killed nb; now the
/// checker refuses it at the call making it, before anything runs.
@Test func aModelLargerThanHalfTheMachinesMemoryIsAnErrorBeforeAnythingRuns() throws {
    let hidden = Array(repeating: "8192", count: 40).joined(separator: ", ")
    let document = Document(
        source: SourceFile(path: "x.md", text: "```nb\nm = mlp_vae(hidden: [\(hidden)])\nsummary(m)\n```\n"))
    let (plan, diagnostics) = Checker(registry: Builtins.registry, hints: .nb).check(document)
    #expect(plan == nil)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.range?.start == SourceLocation(line: 2, column: 5))
    #expect(diagnostic.message.hasPrefix("the model 'MLP VAE' needs about 84.0 GB of memory, more than the "))
    #expect(diagnostic.message.hasSuffix(" nb allows (half of this machine's); use fewer or narrower layers"))
    #expect(
        ModelSizeError.tooLarge(
            model: "CNN VAE", what: "training", bytes: 3.2e10, budget: 1.2e10, advice: "use a smaller batch"
        )
        .description
            == "training 'CNN VAE' needs about 32.0 GB of memory, more than the 12.0 GB nb allows (half of this "
            + "machine's); use a smaller batch")
}

@Test func trainingAtABatchThatCannotFitIsRefused() throws {
    let spec = ModelSpec(
        architecture: .cnnVAE(channels: [1024, 1024, 1024], latent: 20, activation: .relu, batchNorm: false), seed: 0,
        name: "m")
    let layout = try spec.layout(for: [1, 28, 28])
    #expect(layout.trainingBytes(batch: 128) < 4e9)
    #expect(layout.trainingBytes(batch: 65536) > ModelSpec.memoryBudget)
}
