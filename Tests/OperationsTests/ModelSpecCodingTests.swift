import Engine
import Foundation
import Testing

@testable import Operations

/// A spec's JSON, as cache entries and fits keep it, with the activation written as `name`.
private func specJSON(activation name: String) throws -> Data {
    let spec = ModelSpec(
        architecture: .mlpVAE(hidden: [8], latent: 2, activation: .relu, batchNorm: false), seed: 1, name: "MLP VAE")
    let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
    #expect(json.contains(#""activation":"relu""#))
    return Data(json.replacingOccurrences(of: #""activation":"relu""#, with: "\"activation\":\"\(name)\"").utf8)
}

/// Cached specs keep decoding: the activation is still written by its notebook name.
@Test(arguments: [("relu", ActivationKind.relu), ("leaky_relu", .leakyRelu), ("gelu", .gelu), ("tanh", .tanh)])
func aCachedSpecDecodesItsActivationByItsNotebookName(name: String, kind: ActivationKind) throws {
    let spec = try JSONDecoder().decode(ModelSpec.self, from: try specJSON(activation: name))
    #expect(spec.architecture == .mlpVAE(hidden: [8], latent: 2, activation: kind, batchNorm: false))
}

/// An activation nb does not know fails to decode instead of silently building a ReLU model.
@Test func aSpecWithAnUnknownActivationFailsToDecode() throws {
    let json = try specJSON(activation: "swish")
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(ModelSpec.self, from: json) }
}
