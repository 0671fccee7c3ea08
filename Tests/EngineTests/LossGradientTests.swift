import Engine
import TestSupport
import Testing

@Test func binaryCrossEntropyGradientMatchesFiniteDifferences() {
    var generator = SeededGenerator(seed: 21)
    let prediction = Tensor(zeros: [3, 5])
    let target = Tensor(zeros: [3, 5])
    for i in 0..<15 {
        prediction[i] = generator.nextUniform(from: 0.05, to: 0.95)
        target[i] = generator.nextUniform()
    }
    let loss = BinaryCrossEntropy()
    let result = checkGradients(
        variables: [("prediction", prediction)],
        loss: { loss.forward(prediction: prediction, target: target) },
        gradients: {
            _ = loss.forward(prediction: prediction, target: target)
            return [loss.backward(scale: 1)]
        })
    #expect(result.passed, "\(result)")
}

@Test func binaryCrossEntropyWithLogitsGradientMatchesFiniteDifferences() {
    var generator = SeededGenerator(seed: 22)
    let logits = randomTensor([4, 6], generator: &generator)
    let target = Tensor(zeros: [4, 6])
    for i in 0..<24 { target[i] = generator.nextUniform() }
    let loss = BinaryCrossEntropyWithLogits()
    let result = checkGradients(
        variables: [("logits", logits)],
        loss: { loss.forward(logits: logits, target: target) },
        gradients: {
            _ = loss.forward(logits: logits, target: target)
            return [loss.backward()]
        })
    #expect(result.passed, "\(result)")
}

@Test func klDivergenceGradientMatchesFiniteDifferences() {
    var generator = SeededGenerator(seed: 23)
    let mean = randomTensor([3, 4], generator: &generator)
    let logVariance = randomTensor([3, 4], generator: &generator)
    let loss = KLDivergence()
    let result = checkGradients(
        variables: [("mean", mean), ("logVariance", logVariance)],
        loss: { loss.forward(mean: mean, logVariance: logVariance) },
        gradients: {
            _ = loss.forward(mean: mean, logVariance: logVariance)
            let (gradMean, gradLogVariance) = loss.backward()
            return [gradMean, gradLogVariance]
        })
    #expect(result.passed, "\(result)")
}

@Test func reparameterizationGradientMatchesFiniteDifferencesForFixedNoise() {
    var generator = SeededGenerator(seed: 24)
    let mean = randomTensor([2, 5], generator: &generator)
    let logVariance = randomTensor([2, 5], generator: &generator)
    let projection = randomTensor([2, 5], generator: &generator)
    let step = Reparameterization()
    func sample() -> Tensor {
        var noise = SeededGenerator(seed: 99)  // the same ε on every evaluation
        return step.forward(mean: mean, logVariance: logVariance, generator: &noise)
    }
    let result = checkGradients(
        variables: [("mean", mean), ("logVariance", logVariance)],
        loss: { dot(sample(), projection) },
        gradients: {
            _ = sample()
            let (gradMean, gradLogVariance) = step.backward(gradZ: projection)
            return [gradMean, gradLogVariance]
        })
    #expect(result.passed, "\(result)")
}

/// The whole VAE objective, scale·(BCE + β·KL), differentiated end to end with fixed noise. GELU
/// keeps the composition smooth, so no perturbation crosses a ReLU kink; ReLU is checked on its own.
@Test(arguments: ["mlp", "cnn"])
func vaeGradientMatchesFiniteDifferences(kind: String) {
    var generator = SeededGenerator(seed: 25)
    let model =
        kind == "mlp"
        ? VariationalAutoencoder.mlp(
            imageShape: [1, 4, 4], hidden: [6], latent: 3, activation: .gelu, generator: &generator)
        : VariationalAutoencoder.cnn(
            imageShape: [1, 8, 8], channels: [2, 3, 3], latent: 2, activation: .gelu, generator: &generator)
    let images = Tensor(zeros: Shape([2] + model.imageShape))
    for i in 0..<images.count { images[i] = generator.nextUniform() }
    let beta: Float = 0.7, scale: Float = 0.5
    func loss() -> Double {
        var noise = SeededGenerator(seed: 77)
        return Double(scale) * model.forward(images: images, generator: &noise).total(beta: Double(beta))
    }
    let named = model.namedParameters
    let result = checkGradients(
        variables: named.map { ($0.name, $0.parameter.value) },
        loss: loss,
        gradients: {
            for parameter in model.parameters { parameter.zeroGrad() }
            _ = loss()
            model.backward(beta: beta, scale: scale)
            return named.map(\.parameter.grad)
        })
    #expect(result.passed, "\(result)")
}

/// Softmax cross-entropy's gradient, on batches of one and several rows, two and many classes,
/// and logits spread wide enough that the softmax is nearly one-hot.
@Test(arguments: [(1, 2, Float(1)), (4, 5, 1), (3, 10, 4), (7, 3, 0.1)])
func softmaxCrossEntropyGradientMatchesFiniteDifferences(rows: Int, classes: Int, spread: Float) {
    var generator = SeededGenerator(seed: 26)
    let logits = randomTensor([rows, classes], generator: &generator)
    for i in 0..<logits.count { logits[i] *= spread }
    let labels = (0..<rows).map { _ in UInt8(generator.nextInt(below: classes)) }
    let loss = SoftmaxCrossEntropy()
    let result = checkGradients(
        variables: [("logits", logits)],
        loss: { 0.5 * loss.forward(logits: logits, labels: labels) },
        gradients: {
            _ = loss.forward(logits: logits, labels: labels)
            return [loss.backward(scale: 0.5)]
        })
    #expect(result.passed, "\(result)")
}
