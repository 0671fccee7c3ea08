import Engine
import TestSupport
import Testing

/// Expected values from PyTorch's update rule (`torch.optim.Adam`'s, with bias corrections)
/// evaluated in float64, with θ₀ = 1, lr = 0.1, β = (0.9, 0.999), ε = 1e-8 and the gradients 0.5,
/// −0.3, 0.2; this prints them, one step a line:
///
///     python3 -c "
///     import math
///     theta, m, v = 1.0, 0.0, 0.0
///     for t, g in enumerate([0.5, -0.3, 0.2], start=1):
///         m = 0.9 * m + 0.1 * g
///         v = 0.999 * v + 0.001 * g * g
///         theta -= 0.1 / (1 - 0.9**t) * m / (math.sqrt(v) / math.sqrt(1 - 0.999**t) + 1e-8)
///         print('%.10g' % theta)
///     "
///
/// `torch.optim.Adam([p], lr=0.1)` on a float32 `p` gives the same numbers to float32 precision
/// (0.9000000358, 0.8808502555, 0.8461074829 with torch 2.15).
@Test func adamFollowsPyTorchsUpdateRule() {
    let parameter = Parameter(name: "theta", value: Tensor(shape: [1], values: [1]))
    let adam = Adam(parameters: [parameter], learningRate: 0.1)
    var trajectory: [Float] = []
    for gradient: Float in [0.5, -0.3, 0.2] {
        adam.zeroGrad()
        parameter.grad[0] = gradient
        adam.step()
        trajectory.append(parameter.value[0])
    }
    let expected: [Float] = [0.900_000_002, 0.880_850_198_9, 0.846_107_430_8]
    #expect(zip(trajectory, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(trajectory)")
    #expect(adam.stepCount == 3)
}

@Test func adamUsesPyTorchsDefaults() {
    let adam = Adam(parameters: [])
    #expect([adam.learningRate, adam.beta1, adam.beta2, adam.epsilon] == [1e-3, 0.9, 0.999, 1e-8])
}

@Test func zeroGradClearsAccumulatedGradients() {
    let parameter = Parameter(name: "w", value: Tensor(zeros: [3]))
    parameter.grad.fill(2)
    Adam(parameters: [parameter]).zeroGrad()
    #expect(parameter.grad.values == [0, 0, 0])
}

// Clearing the gradients in the update's own pass changes nothing else: the same parameters and
// moments as a plain step, on a parameter long enough for the eight-lane loop and its tail.
@Test func aStepThatClearsTheGradientsUpdatesAsAPlainStepDoes() {
    var generator = SeededGenerator(seed: 61)
    let start = randomTensor(Shape([21]), generator: &generator).values
    let gradients = randomTensor(Shape([21]), generator: &generator).values
    let plain = Parameter(name: "w", value: Tensor(shape: [21], values: start))
    let clearing = Parameter(name: "w", value: Tensor(shape: [21], values: start))
    let plainAdam = Adam(parameters: [plain]), clearingAdam = Adam(parameters: [clearing])
    for _ in 0..<3 {
        plainAdam.zeroGrad()
        for parameter in [plain, clearing] {
            for i in 0..<21 { parameter.grad[i] = gradients[i] }
        }
        plainAdam.step()
        clearingAdam.step(clearingGradients: true)
        #expect(clearing.value.values == plain.value.values)
        #expect(clearing.grad.values == [Float](repeating: 0, count: 21))
        #expect(plain.grad.values == gradients)
    }
    #expect(clearingAdam.moments.first[0].values == plainAdam.moments.first[0].values)
    #expect(clearingAdam.moments.second[0].values == plainAdam.moments.second[0].values)
}

// A training step skips the zeroing pass when the step before cleared the gradients: three steps
// must land exactly where zeroGrad, forward, backward and a plain update, three times, do.
@Test func consecutiveTrainingStepsMatchSeparatelyZeroedUpdates() {
    func makeModel() -> VariationalAutoencoder {
        var generator = SeededGenerator(seed: 62)
        return .mlp(imageShape: [1, 6, 6], hidden: [10], latent: 3, generator: &generator)
    }
    let trained = makeModel(), reference = makeModel()
    let step = TrainingStep(model: trained, learningRate: 1e-2, beta: 1)
    let adam = Adam(parameters: reference.parameters, learningRate: 1e-2)
    var pixels = SeededGenerator(seed: 63)
    var trainedNoise = SeededGenerator(seed: 64), referenceNoise = SeededGenerator(seed: 64)
    for _ in 0..<3 {
        let values = (0..<180).map { _ in Float.random(in: 0...1, using: &pixels) }
        let images = Tensor(shape: [5, 1, 6, 6], values: values)
        step.run(images: images, generator: &trainedNoise)
        adam.zeroGrad()
        _ = reference.forward(images: images, generator: &referenceNoise)
        reference.backward(beta: 1, scale: 1 / 5)
        adam.step()
    }
    for (a, b) in zip(trained.parameters, reference.parameters) {
        #expect(a.value.values == b.value.values)
    }
}
