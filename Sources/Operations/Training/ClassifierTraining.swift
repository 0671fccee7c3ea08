import Datasets
import Engine
import Foundation

/// The classifier's training as a `TrainingTask`: Adam on the mean cross-entropy of each batch,
/// giving a `FitValue` whose history has loss and accuracy per epoch.
struct ClassifierTraining: RequestedTraining {
    /// What was asked.
    let request: TrainingRequest

    func continuation(from fit: FitValue, state: Data) throws -> (Classifier, TrainingState) {
        let model = try fit.classifier(for: "train")
        return (model, try TrainingState.decoded(from: state, moments: model.parameters.count, history: fit.history))
    }

    func train(from continuation: (Classifier, TrainingState)?, hooks: TrainingHooks) throws -> FitValue {
        let model = try continuation?.0 ?? request.spec.buildClassifier(input: request.data.imageShape)
        let history = try trainClassifier(
            model, on: request.data.examples, validation: request.validation?.examples,
            configuration: request.configuration, resume: continuation?.1, hooks: hooks
        ) { state in
            (try FitValue.encode(request.record(state.history), model: model), try state.encoded())
        }
        return FitValue(record: request.record(history), model: .classifier(model))
    }
}

/// Trains `model` in place with Adam on mini-batches of `data`, shuffled each epoch, minimising
/// the mean cross-entropy per batch, as PyTorch's `nn.CrossEntropyLoss()` with Adam does. After
/// each epoch the validation images are scored (dropout off), and `hooks.epochFinished` is handed
/// the snapshot `encode` makes of the state a later run continues from, bit for bit.
func trainClassifier(
    _ model: Classifier, on data: LabeledExamples, validation: LabeledExamples?, configuration: TrainingConfiguration,
    resume: TrainingState?, hooks: TrainingHooks, encode: @escaping (TrainingState) throws -> (Data, Data)
) throws -> [EpochRecord] {
    let step = ClassifierStep(model: model, learningRate: configuration.learningRate)
    var batches = Batches(of: data, batchSize: configuration.batchSize, seed: configuration.seed)
    // Unused by a classifier; kept so its snapshots have the VAE's layout.
    var noise = SeededGenerator(seed: configuration.seed ^ 0x5EED_0F_A015E)
    var history: [EpochRecord] = []
    if let resume {
        try resume.restore(into: step.optimizer, layers: model.stochasticLayers, batches: &batches, noise: &noise)
        history = resume.history
    }
    var images = Tensor(zeros: [configuration.batchSize, 1, data.height, data.width])
    var labels: [UInt8] = []
    let validationSet = validation.map { (images: imagesTensor($0), labels: $0.labels) }
    var elapsed = history.last?.elapsed ?? 0
    guard history.count < configuration.epochs else { return history }
    for epoch in (history.count + 1)...configuration.epochs {
        batches.startEpoch()
        var total = 0.0, correct = 0, seen = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for batch in 0..<batches.count {
            if hooks.shouldStop() {
                throw TrainingInterrupted(epoch: epoch, batch: batch + 1, batches: batches.count)
            }
            batches.fill(batch: batch, images: &images, labels: &labels)
            let loss = step.run(images: images, labels: labels)
            guard loss.total.isFinite else {
                throw TrainingError.nonFiniteLoss(
                    epoch: epoch, batch: batch + 1, batches: batches.count, learningRate: configuration.learningRate)
            }
            (total, correct, seen) = (total + loss.total, correct + loss.correct, seen + loss.images)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            hooks.batchFinished(
                TrainingProgress(
                    epoch: epoch, epochs: configuration.epochs, batch: batch + 1, batches: batches.count,
                    runningLoss: total / Double(seen), imagesPerSecond: Double(seen) / max(seconds, 1e-9)))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        elapsed += seconds
        let scored = validationSet.map { model.evaluate(images: $0.images, labels: $0.labels) }
        history.append(
            EpochRecord(
                epoch: epoch, trainLoss: total / Double(seen), trainReconstruction: nil, trainDivergence: nil,
                trainAccuracy: Double(correct) / Double(seen), validationLoss: scored?.lossPerImage,
                validationAccuracy: scored?.accuracy, seconds: seconds, elapsed: elapsed))
        let state = TrainingState(
            optimizer: step.optimizer, layers: model.stochasticLayers, batches: batches, noise: noise, history: history)
        hooks.epochFinished(EpochSnapshot(epoch: epoch, validationLoss: scored?.lossPerImage) { try encode(state) })
    }
    model.isTraining = false
    return history
}
