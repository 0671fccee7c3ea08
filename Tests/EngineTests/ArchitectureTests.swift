import Engine
import Testing

@Test func theReferenceModelsHaveThePublishedParameterCounts() {
    var generator = SeededGenerator(seed: 0)
    let mlp = VariationalAutoencoder.mlp(hidden: [400, 400], latent: 20, generator: &generator)
    let cnn = VariationalAutoencoder.cnn(channels: [32, 64, 64], latent: 20, generator: &generator)
    #expect(mlp.parameterCount == 973_624)
    #expect(cnn.parameterCount == 265_833)
}

@Test func checkpointNamesAreThoseOfThePyTorchStateDict() {
    var generator = SeededGenerator(seed: 0)
    let cnn = VariationalAutoencoder.cnn(channels: [32, 64, 64], latent: 20, generator: &generator)
    let names = cnn.namedParameters.map { "\($0.name) \($0.parameter.value.shape)" }
    #expect(
        names == [
            "encoder.0.weight (32, 1, 3, 3)", "encoder.0.bias (32)",
            "encoder.2.weight (64, 32, 3, 3)", "encoder.2.bias (64)",
            "encoder.4.weight (64, 64, 3, 3)", "encoder.4.bias (64)",
            "fc_mu.weight (20, 3136)", "fc_mu.bias (20)",
            "fc_logvar.weight (20, 3136)", "fc_logvar.bias (20)",
            "decoder.0.weight (3136, 20)", "decoder.0.bias (3136)",
            "decoder.3.weight (64, 32, 3, 3)", "decoder.3.bias (32)",
            "decoder.5.weight (32, 1, 3, 3)", "decoder.5.bias (1)",
        ])
}

@Test func batchNormAddsItsBuffersUnderItsIndex() {
    var generator = SeededGenerator(seed: 0)
    let mlp = VariationalAutoencoder.mlp(hidden: [8], latent: 2, batchNorm: true, generator: &generator)
    #expect(
        mlp.namedBuffers.map(\.name) == [
            "encoder.2.running_mean", "encoder.2.running_var", "encoder.2.num_batches_tracked",
            "decoder.1.running_mean", "decoder.1.running_var", "decoder.1.num_batches_tracked",
        ])
}

@Test func initializationFollowsPyTorchsBoundsAndTheSeed() {
    func weights(seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return ConvTranspose2d(64, 32, kernelSize: 3, stride: 2, generator: &generator).weight.value.values
    }
    let first = weights(seed: 4)
    // ConvTranspose2d takes fan-in from the weight's second axis: 32 · 3 · 3 = 288.
    let bound = 1 / Float(288).squareRoot()
    #expect(first.allSatisfy { abs($0) <= bound })
    #expect(first.map(abs).max()! > 0.95 * bound)
    #expect(first == weights(seed: 4))
    #expect(first != weights(seed: 5))
}

@Test func theModelsDescribeThemselvesAsPyTorchPrintsThem() {
    var generator = SeededGenerator(seed: 0)
    let cnn = VariationalAutoencoder.cnn(channels: [32, 64, 64], latent: 20, generator: &generator)
    #expect(
        cnn.decoder.description == """
            Sequential(
              (0): Linear(in_features=20, out_features=3136, bias=True)
              (1): ReLU()
              (2): Unflatten(dim=1, unflattened_size=(64, 7, 7))
              (3): ConvTranspose2d(64, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))
              (4): ReLU()
              (5): ConvTranspose2d(32, 1, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))
            )
            """)
    var shape: Shape = [128, 1, 28, 28]
    let shapes = cnn.encoder.layers.map { layer in
        shape = layer.outputShape(for: shape)
        return shape
    }
    #expect(
        shapes.map(\.description) == [
            "(128, 32, 14, 14)", "(128, 32, 14, 14)", "(128, 64, 7, 7)", "(128, 64, 7, 7)",
            "(128, 64, 7, 7)", "(128, 64, 7, 7)", "(128, 3136)",
        ])
}
