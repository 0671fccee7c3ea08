import Datasets
import Engine

/// The classic Keras MNIST convnet of Notebooks/classifier_compare.md, 34,826 parameters:
/// Conv2d(1, 32, 3) → ReLU → MaxPool2d(2) → Conv2d(32, 64, 3) → ReLU → MaxPool2d(2) → Flatten →
/// Dropout(0.5) → Linear(1600, 10).
func convnet(generator: inout SeededGenerator) -> Classifier {
    let net = Sequential([
        Conv2d(1, 32, kernelSize: 3, generator: &generator), Activation(ReLU()), MaxPool2d(kernelSize: 2),
        Conv2d(32, 64, kernelSize: 3, generator: &generator), Activation(ReLU()), MaxPool2d(kernelSize: 2),
        Reshape.flatten(features: 1600), Dropout(probability: 0.5, generator: &generator),
        Linear(1600, 10, generator: &generator),
    ])
    return Classifier(net: net, imageShape: [1, 28, 28])
}

extension Bench {
    /// The convnet's training step on shuffled MNIST batches with their labels, as `measure` times
    /// the VAEs, and with `--layers` its per-pass and in-step tables.
    func measureClassifier(data: LabeledExamples) throws -> ModelResult {
        var generator = SeededGenerator(seed: 0)
        let model = convnet(generator: &generator)
        let step = ClassifierStep(model: model, learningRate: 1e-3)
        var batches = FullBatches(of: data, batchSize: batch, seed: 0)
        var result = measure(name: "classifier", parameters: model.parameterCount, data: data) {
            let images = batches.next()
            step.run(images: images, labels: batches.labels)
        }
        print(BenchMessages.modelLine(result))
        guard layers else { return result }
        var profileBatches = FullBatches(of: data, batchSize: batch, seed: 0)
        let images = profileBatches.next()
        step.run(images: images, labels: profileBatches.labels)
        let rows = classifierRows(model: model, step: step, images: images, labels: profileBatches.labels)
        result.layers = rows
        print(BenchMessages.profileTable(rows, stepMilliseconds: result.medianMillisecondsPerStep))
        var stepBatches = FullBatches(of: data, batchSize: batch, seed: 5)
        result.inStep = inStepRows(
            stacks: [("net", model.net)], steps: steps, rest: BenchMessages.restOfClassifierStep, alone: rows
        ) {
            let images = stepBatches.next()
            step.run(images: images, labels: stepBatches.labels)
        }
        print(BenchMessages.inStepTable(result.inStep ?? []))
        return result
    }

    /// Each layer's passes alone on one batch's shapes, then the loss and Adam's update.
    private func classifierRows(
        model: Classifier, step: ClassifierStep, images: Tensor, labels: [UInt8]
    ) -> [ProfileRow] {
        let timer = PassTimer(
            name: "classifier", repeats: repeats, firstLearnable: model.net.layers.first { !$0.parameters.isEmpty })
        var generator = SeededGenerator(seed: 2)
        var stages: [(part: String, layer: any Layer, input: Tensor)] = []
        var x = images
        for (index, layer) in model.net.layers.enumerated() {
            stages.append(("net.\(index) \(layer.description)", layer, x))
            x = layer.forward(x).copy()
        }
        var rows: [ProfileRow] = []
        for stage in stages { rows += timer.layerRows(stage.part, stage.layer, stage.input, &generator) }
        let loss = SoftmaxCrossEntropy()
        let pass = BenchMessages.lossPass(x.shape)
        rows.append(timer.timed(pass, "forward") { _ = loss.forward(logits: x, labels: labels) })
        rows.append(timer.timed(pass, "backward") { _ = loss.backward() })
        rows.append(
            timer.timed("Adam step", BenchMessages.updateAndClear) { step.optimizer.step(clearingGradients: true) })
        return rows
    }
}
