import Engine
import Foundation
import TestSupport
import Testing

/// PyTorch's numbers for one training step, written by `python3 Benchmarks/make_fixtures.py`.
private struct StepFixture: Decodable {
    struct Case: Decodable, CustomTestStringConvertible {
        struct Named: Decodable {
            let shape: [Int]
            let values: [Float]
        }
        let name: String
        let family: String
        let widths: [Int]
        let latent: Int
        let activation: String
        let batchnorm: Bool
        let imageShape: [Int]
        let beta: Float
        let images: [Float]
        let noise: [Float]
        let initial: [String: Named]
        let bce: Double
        let kl: Double
        let gradients: [String: [Float]]
        let afterStep: [String: [Float]]
        let learningRate: Float
        var testDescription: String { name }
    }
    let cases: [Case]

    static func load() throws -> [Case] {
        let data = try Data(contentsOf: FixturePaths.fixture("pytorch_vae_steps.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(StepFixture.self, from: data).cases
    }
}

/// max |a − b| over elements, relative to `scale` (default: the largest |b|).
private func relativeDifference(_ a: [Float], _ b: [Float], scale: Float? = nil) -> Float {
    let scale = max(scale ?? b.map(abs).max() ?? 0, 1e-6)
    precondition(a.count == b.count, "comparing \(a.count) values with \(b.count)")
    return (zip(a, b).map { abs($0 - $1) }.max() ?? 0) / scale
}

/// The same weights, batch and noise in nb and in PyTorch give the same loss, gradients,
/// Adam update and BatchNorm statistics.
@Test(arguments: try StepFixture.load())
private func oneTrainingStepAgreesWithPyTorch(_ fixture: StepFixture.Case) throws {
    var generator = SeededGenerator(seed: 0)
    let activation = try #require(ActivationKind(rawValue: fixture.activation))
    let model =
        fixture.family == "mlp"
        ? VariationalAutoencoder.mlp(
            imageShape: fixture.imageShape, hidden: fixture.widths, latent: fixture.latent, activation: activation,
            batchNorm: fixture.batchnorm, generator: &generator)
        : VariationalAutoencoder.cnn(
            imageShape: fixture.imageShape, channels: fixture.widths, latent: fixture.latent, activation: activation,
            batchNorm: fixture.batchnorm, generator: &generator)
    let state =
        model.namedParameters.map { ($0.name, $0.parameter.value) }
        + model.namedBuffers.filter { !$0.isInteger }.map { ($0.name, $0.value) }
    #expect(Set(state.map(\.0)) == Set(fixture.initial.keys))
    for (name, tensor) in state {
        let expected = try #require(fixture.initial[name])
        #expect(tensor.shape.dimensions == expected.shape, "\(name)")
        _ = tensor.buffer.update(fromContentsOf: expected.values)
    }
    let batch = fixture.images.count / fixture.imageShape.reduce(1, *)
    let images = Tensor(shape: Shape([batch] + fixture.imageShape), values: fixture.images)
    let noise = Tensor(shape: [batch, fixture.latent], values: fixture.noise)

    let step = TrainingStep(model: model, learningRate: fixture.learningRate, beta: fixture.beta)
    step.optimizer.zeroGrad()
    let loss = model.forward(images: images, noise: noise)
    #expect(abs(loss.reconstruction - fixture.bce) / fixture.bce < 1e-5)
    #expect(abs(loss.divergence - fixture.kl) / max(fixture.kl, 1e-3) < 1e-4)
    model.backward(beta: fixture.beta, scale: 1 / Float(batch))
    // A bias just before a BatchNorm has a true gradient of zero (the batch mean removes it), so
    // both engines report rounding noise there: gradients are compared relative to the largest
    // gradient of the model, and Adam's update, which turns any nonzero noise into a full step of
    // arbitrary sign, is compared only where the gradient is real.
    let largest = fixture.gradients.values.joined().map(abs).max() ?? 1
    for (name, parameter) in model.namedParameters {
        let expected = try #require(fixture.gradients[name])
        #expect(relativeDifference(parameter.grad.values, expected, scale: largest) < 1e-5, "gradient of \(name)")
    }
    step.optimizer.step()
    let noiseLevel = 1e-5 * largest
    for (name, tensor) in state {
        let expected = try #require(fixture.afterStep[name])
        let gradient = fixture.gradients[name] ?? []
        let real = expected.indices.filter { gradient.isEmpty || abs(gradient[$0]) > noiseLevel }
        #expect(
            relativeDifference(real.map { tensor[$0] }, real.map { expected[$0] }) < 1e-5, "\(name) after the step")
    }
}
