import Testing

@testable import Operations

/// A model's colour comes from its spec, never from matching the name a figure shows: the
/// shorthands' default names keep the reference notebook's first two slots, and any other model a
/// stable slot from its name.
@Test(
    arguments: [
        (false, nil, 0),
        (true, nil, 1),
        (false, "wide MLP", 7),
        (true, "MLP VAE", 2),  // a CNN named like the MLP does not take the MLP's colour
        (false, "small", 6),
    ] as [(Bool, String?, Int)])
func aModelsColorSlotComesFromItsShorthandOrItsOwnName(convolutional: Bool, name: String?, slot: Int) {
    let architecture: ModelSpec.Architecture =
        convolutional
        ? .cnnVAE(channels: [8, 8], latent: 2, activation: .relu, batchNorm: false)
        : .mlpVAE(hidden: [8, 8], latent: 2, activation: .relu, batchNorm: false)
    let spec = ModelSpec(
        architecture: architecture, seed: 1, name: name ?? ModelSpec.shorthandNames[convolutional ? 1 : 0])
    #expect(spec.colorSlot == slot)
}

/// A model written layer by layer takes its slot from its name, even under a shorthand's name.
@Test func aComposedModelsColorSlotComesFromItsName() {
    let spec = ModelSpec(
        architecture: .classifier(.sequence([.flatten, .linear(features: 10, bias: true)])), seed: 1, name: "MLP VAE")
    #expect(spec.colorSlot == 2)
}
