import Engine
import Foundation
import Testing

private func model(seed: UInt64, latent: Int = 2) -> VariationalAutoencoder {
    var generator = SeededGenerator(seed: seed)
    return .cnn(imageShape: [1, 8, 8], channels: [2, 3], latent: latent, batchNorm: true, generator: &generator)
}

@Test func aCheckpointWrittenAndReadBackRestoresEveryTensor() throws {
    let original = model(seed: 1)
    original.encoder.layers.compactMap { $0 as? BatchNorm }.first?.batchesTracked.fill(7)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nb-checkpoint-\(UUID()).safetensors").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try original.checkpoint(metadata: ["format": "pt"]).write(to: path)

    let restored = model(seed: 2)
    let file = try Safetensors.read(from: path)
    try restored.load(file, path: path)
    #expect(file.metadata == ["format": "pt"])
    #expect(file.integers["encoder.1.num_batches_tracked"]?.values == [7])
    for ((name, a), (_, b)) in zip(original.namedParameters, restored.namedParameters) {
        #expect(a.value.values == b.value.values, "\(name)")
    }
    #expect(restored.namedBuffers.map(\.value.values) == original.namedBuffers.map(\.value.values))
}

@Test func loadingACheckpointOfAnotherArchitectureFailsClearly() throws {
    let checkpoint = model(seed: 1, latent: 3).checkpoint()
    #expect(
        throws: CheckpointError.shapeMismatch(
            path: "a.safetensors", name: "decoder.0.weight", expected: [12, 2], actual: [12, 3])
    ) {
        try model(seed: 2, latent: 2).load(checkpoint, path: "a.safetensors")
    }
    var missing = checkpoint
    missing.tensors["fc_mu.bias"] = nil
    #expect(throws: CheckpointError.missingTensor(path: "b", name: "fc_mu.bias")) {
        try model(seed: 2, latent: 3).load(missing, path: "b")
    }
    #expect(
        CheckpointError.shapeMismatch(
            path: "a.safetensors", name: "fc_mu.weight", expected: [20, 3136], actual: [2, 3136]
        )
        .description
            == "a.safetensors: tensor 'fc_mu.weight' has shape (2, 3136) but the model needs (20, 3136); "
            + "build the model with the sizes it was saved with")
}
