import Engine
import Runner
import Testing

@testable import Operations

private let reluLayer = LayerSpec.activation(.relu)

/// `cnn_vae(channels: [32, 64, 64], latent: 20)`'s summary, against the sizes worked out by hand:
/// parameters Cout·Cin·k² + Cout, multiply-adds Cout·Hout·Wout·Cin·k² (Cin·Hin·Win·Cout·k² for a
/// transposed convolution, in·out for a linear layer).
@Test func theReferenceCNNsSummaryIsTheHandComputedOne() throws {
    let spec = ModelSpec(
        architecture: .cnnVAE(channels: [32, 64, 64], latent: 20, activation: .relu, batchNorm: false), seed: 0,
        name: "CNN VAE")
    let layout = try spec.layout(for: [1, 28, 28])
    let expected: [(String, String, [Int], Int, Int)] = [
        (
            "encoder.0", "Conv2d(1, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))", [32, 14, 14], 32 * 9 + 32,
            32 * 14 * 14 * 1 * 9
        ),
        ("encoder.1", "ReLU()", [32, 14, 14], 0, 0),
        (
            "encoder.2", "Conv2d(32, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))", [64, 7, 7],
            64 * 32 * 9 + 64, 64 * 7 * 7 * 32 * 9
        ),
        ("encoder.3", "ReLU()", [64, 7, 7], 0, 0),
        (
            "encoder.4", "Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))", [64, 7, 7],
            64 * 64 * 9 + 64, 64 * 7 * 7 * 64 * 9
        ),
        ("encoder.5", "ReLU()", [64, 7, 7], 0, 0),
        ("encoder.6", "Flatten(start_dim=1, end_dim=-1)", [3136], 0, 0),
        ("fc_mu", "Linear(in_features=3136, out_features=20, bias=True)", [20], 3136 * 20 + 20, 3136 * 20),
        ("fc_logvar", "Linear(in_features=3136, out_features=20, bias=True)", [20], 3136 * 20 + 20, 3136 * 20),
        ("decoder.0", "Linear(in_features=20, out_features=3136, bias=True)", [3136], 20 * 3136 + 3136, 20 * 3136),
        ("decoder.1", "ReLU()", [3136], 0, 0),
        ("decoder.2", "Unflatten(dim=1, unflattened_size=(64, 7, 7))", [64, 7, 7], 0, 0),
        (
            "decoder.3",
            "ConvTranspose2d(64, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))",
            [32, 14, 14], 64 * 32 * 9 + 32, 64 * 7 * 7 * 32 * 9
        ),
        ("decoder.4", "ReLU()", [32, 14, 14], 0, 0),
        (
            "decoder.5",
            "ConvTranspose2d(32, 1, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))",
            [1, 28, 28], 32 * 1 * 9 + 1, 32 * 14 * 14 * 1 * 9
        ),
    ]
    #expect(layout.rows.map(\.name) == expected.map(\.0))
    #expect(layout.rows.map(\.shape.description) == expected.map(\.1))
    #expect(layout.rows.map(\.shape.output) == expected.map(\.2))
    #expect(layout.rows.map(\.shape.parameters) == expected.map(\.3))
    #expect(layout.rows.map(\.shape.multiplyAdds) == expected.map(\.4))
    #expect(layout.parameters == 265_833)
    #expect(layout.multiplyAdds == 3_913_728)
    let built = try spec.buildAutoencoder(input: [1, 28, 28])
    #expect(built.parameterCount == layout.parameters)
}

/// Bit for bit, every tensor of `model` and `other`, by name.
private func sameTensors(_ model: VariationalAutoencoder, _ other: VariationalAutoencoder) -> Bool {
    func bits(_ model: VariationalAutoencoder) -> [String: [UInt32]] {
        var bits: [String: [UInt32]] = [:]
        for (name, parameter) in model.namedParameters { bits[name] = parameter.value.values.map(\.bitPattern) }
        for buffer in model.namedBuffers { bits[buffer.name] = buffer.value.values.map(\.bitPattern) }
        return bits
    }
    return bits(model) == bits(other) && !bits(model).isEmpty
}

/// The layers of a model, as PyTorch prints them, in order: the same list means the same kernels
/// run in every step, so the same speed.
private func layerList(_ model: VariationalAutoencoder) -> [String] {
    (model.encoder.layers + [model.meanHead, model.logVarianceHead] + model.decoder.layers).map(\.description)
}

/// The shorthands are built through the composed path: `mlp_vae` and `cnn_vae` give the weights,
/// bit for bit, and the layers of `vae(encoder:, decoder:)` written out by hand, and of the engine's
/// reference builders that trained the README's numbers.
@Test(arguments: [false, true])
func theShorthandsBuildExactlyTheModelWrittenOutByHand(batchNorm: Bool) throws {
    let norm: [LayerSpec] = batchNorm ? [.batchNorm] : []
    let mlp = ModelSpec(
        architecture: .mlpVAE(hidden: [400, 400], latent: 20, activation: .relu, batchNorm: batchNorm), seed: 7,
        name: "a")
    let handMLP = ModelSpec(
        architecture: .vae(
            encoder: .sequence(
                [.flatten, .linear(features: 400, bias: true)] + norm + [reluLayer, .linear(features: 400, bias: true)]
                    + norm + [reluLayer]),
            decoder: .sequence(
                [.linear(features: 400, bias: true)] + norm + [reluLayer, .linear(features: 400, bias: true)] + norm
                    + [reluLayer, .linear(features: 784, bias: true), .activation(.sigmoid)]),
            latent: 20), seed: 7, name: "b")
    var generator = SeededGenerator(seed: 7)
    let engineMLP = VariationalAutoencoder.mlp(
        hidden: [400, 400], latent: 20, batchNorm: batchNorm, generator: &generator)
    let builtMLP = try mlp.buildAutoencoder(input: [1, 28, 28])
    #expect(sameTensors(builtMLP, try handMLP.buildAutoencoder(input: [1, 28, 28])))
    #expect(sameTensors(builtMLP, engineMLP))
    #expect(layerList(builtMLP) == layerList(engineMLP))

    let cnn = ModelSpec(
        architecture: .cnnVAE(channels: [32, 64, 64], latent: 20, activation: .relu, batchNorm: batchNorm), seed: 7,
        name: "c")
    let conv = { (channels: Int, stride: Int) in
        LayerSpec.conv2d(channels: channels, kernel: 3, stride: stride, padding: 1)
    }
    let up = { (channels: Int) in
        LayerSpec.convTranspose2d(channels: channels, kernel: 3, stride: 2, padding: 1, outputPadding: 1)
    }
    let handCNN = ModelSpec(
        architecture: .vae(
            encoder: .sequence(
                [conv(32, 2)] + norm + [reluLayer, conv(64, 2)] + norm + [reluLayer, conv(64, 1)] + norm + [
                    reluLayer, .flatten,
                ]),
            decoder: .sequence(
                [.linear(features: 3136, bias: true)] + norm + [reluLayer, .unflatten([64, 7, 7]), up(32)] + norm
                    + [reluLayer, up(1)]),
            latent: 20), seed: 7, name: "d")
    generator = SeededGenerator(seed: 7)
    let engineCNN = VariationalAutoencoder.cnn(
        channels: [32, 64, 64], latent: 20, batchNorm: batchNorm, generator: &generator)
    let builtCNN = try cnn.buildAutoencoder(input: [1, 28, 28])
    #expect(sameTensors(builtCNN, try handCNN.buildAutoencoder(input: [1, 28, 28])))
    #expect(sameTensors(builtCNN, engineCNN))
    #expect(layerList(builtCNN) == layerList(engineCNN))
}

/// A composed model's checkpoint names are the ones PyTorch's `nn.Sequential` nesting gives, so a
/// module written from its summary loads it with `strict=True`.
@Test func aComposedModelsCheckpointNamesAreNNSequentials() throws {
    let spec = ModelSpec(
        architecture: .vae(
            encoder: .sequence([
                .conv2d(channels: 8, kernel: 5, stride: 1, padding: 2), .batchNorm, reluLayer,
                .maxPool2d(kernel: 2, stride: 2),
                .sequence([.conv2d(channels: 8, kernel: 3, stride: 1, padding: 1), reluLayer]),
                .dropout(0.25), .flatten,
            ]),
            decoder: .sequence([.linear(features: 784, bias: false), .activation(.sigmoid)]), latent: 4),
        seed: 1, name: "v")
    let model = try spec.buildAutoencoder(input: [1, 28, 28])
    #expect(
        model.namedParameters.map(\.name) == [
            "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias", "encoder.4.0.weight",
            "encoder.4.0.bias", "fc_mu.weight", "fc_mu.bias", "fc_logvar.weight", "fc_logvar.bias", "decoder.0.weight",
        ])
    #expect(
        model.namedBuffers.map(\.name) == [
            "encoder.1.running_mean", "encoder.1.running_var", "encoder.1.num_batches_tracked",
        ])
    #expect(model.stochasticLayers.count == 1)
}

/// Adding a dropout leaves every other layer's initial weights as they were, so a comparison with
/// and without it starts from the same model.
@Test func aDropoutLayerDrawsNoInitialWeights() throws {
    let body: [LayerSpec] = [.flatten, .linear(features: 16, bias: true), reluLayer]
    let decoder = LayerSpec.sequence([.linear(features: 784, bias: true)])
    let plain = ModelSpec(architecture: .vae(encoder: .sequence(body), decoder: decoder, latent: 2), seed: 3, name: "a")
    let dropped = ModelSpec(
        architecture: .vae(encoder: .sequence(body + [.dropout(0.5)]), decoder: decoder, latent: 2), seed: 3, name: "b")
    #expect(
        sameTensors(try plain.buildAutoencoder(input: [1, 28, 28]), try dropped.buildAutoencoder(input: [1, 28, 28])))
}
