import Testing

@testable import Operations

/// A model's colour comes from its spec, never from matching the name a figure shows: the
/// families' default names keep the reference notebook's first two slots, and a named model a
/// stable slot from its name.
@Test(
    arguments: [
        (ModelSpec.Family.mlp, nil, 0),
        (.cnn, nil, 1),
        (.mlp, "wide MLP", 7),
        (.cnn, "MLP VAE", 2),  // a CNN named like the MLP does not take the MLP's colour
        (.mlp, "small", 6),
    ] as [(ModelSpec.Family, String?, Int)])
func aModelsColorSlotComesFromItsFamilyOrItsOwnName(family: ModelSpec.Family, name: String?, slot: Int) {
    let spec = ModelSpec(
        family: family, widths: [8, 8], latent: 2, activation: .relu, batchNorm: false,
        imageShape: ModelSpec.supportedImageShape, seed: 1, name: name ?? family.defaultName)
    #expect(spec.colorSlot == slot)
}
