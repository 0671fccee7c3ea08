import Datasets
import Engine
import Foundation

/// The hyper-parameters of one training run.
public struct TrainingConfiguration: Sendable, Equatable, Codable {
    /// Passes over the training images.
    public var epochs: Int
    /// Images per optimisation step.
    public var batchSize: Int
    /// Adam's step size.
    public var learningRate: Float
    /// The weight of the KL term.
    public var beta: Float
    /// Seeds the epoch order and the reparameterisation noise.
    public var seed: UInt64

    /// Creates a configuration.
    public init(epochs: Int, batchSize: Int, learningRate: Float, beta: Float, seed: UInt64) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.beta = beta
        self.seed = seed
    }
}

/// What one epoch of training measured; losses are per image.
public struct EpochRecord: Sendable, Equatable, Codable {
    /// 1-based epoch number.
    public var epoch: Int
    /// BCE + β·KL averaged over the epoch's images (as measured during the epoch, PyTorch-style).
    public var trainLoss: Double
    /// A VAE's: the BCE part of `trainLoss`.
    public var trainReconstruction: Double?
    /// A VAE's: the KL part of `trainLoss`, before weighting by β.
    public var trainDivergence: Double?
    /// A classifier's: the fraction of the epoch's images predicted right as they were trained on.
    public var trainAccuracy: Double? = nil
    /// The loss per validation image after the epoch (a VAE's decoding z = μ); nil without
    /// validation data.
    public var validationLoss: Double?
    /// A classifier's: the fraction of the validation images predicted right after the epoch.
    public var validationAccuracy: Double? = nil
    /// Seconds the epoch's training steps took.
    public var seconds: Double
    /// Seconds of training since the start of the run, at the end of this epoch.
    public var elapsed: Double
}

/// A snapshot of a run in progress, for progress bars.
public struct TrainingProgress: Sendable {
    /// Current epoch (1-based) and how many there are.
    public var epoch: Int, epochs: Int
    /// Batches done in this epoch and how many it has.
    public var batch: Int, batches: Int
    /// Mean loss per image so far in this epoch.
    public var runningLoss: Double
    /// Training throughput so far in this epoch.
    public var imagesPerSecond: Double
}

/// The first `limit` (default: all) examples of a data set as one (N, C, H, W) or (N, F) tensor,
/// for evaluation in batch views.
public func imagesTensor(_ examples: LabeledExamples, limit: Int? = nil) -> Tensor {
    let count = min(limit ?? examples.count, examples.count)
    let tensor = Tensor(zeros: Shape(batch: count, item: Shape(examples.shape)))
    let size = examples.valuesPerExample
    for index in 0..<count { examples.copyValues(ofExample: index, to: tensor.data + index * size) }
    return tensor
}

/// Trains `model` in place with Adam on mini-batches of `data`, shuffled each epoch.
///
/// Every step minimises the mean per-image loss (BCE + β·KL) / N, as the reference does. After each
/// epoch the validation loss is measured decoding z = μ, and `epochFinished` is handed the state
/// a later run needs to continue from there. Given such a `resume` state (and the model's weights
/// as they were then), the run continues exactly as an uninterrupted one would, to the bit.
///
/// A NaN or infinite batch loss stops the run with `TrainingError.nonFiniteLoss`; `shouldStop`
/// returning true stops it at the next batch with `TrainingInterrupted`. `progress` is called
/// after every batch.
public func train(
    _ model: VariationalAutoencoder, on data: LabeledExamples, validation: LabeledExamples?,
    configuration: TrainingConfiguration, resume: TrainingState? = nil, shouldStop: () -> Bool = { false },
    epochFinished: (TrainingStep, TrainingState) throws -> Void = { _, _ in },
    progress: (TrainingProgress) -> Void = { _ in }
) throws -> [EpochRecord] {
    let step = TrainingStep(model: model, learningRate: configuration.learningRate, beta: configuration.beta)
    var batches = Batches(of: data, batchSize: configuration.batchSize, seed: configuration.seed)
    // A separate stream for ε, so the noise does not depend on how many shuffles came before.
    var noise = SeededGenerator(seed: configuration.seed ^ 0x5EED_0F_A015E)
    var history: [EpochRecord] = []
    if let resume {
        try resume.restore(
            into: step.optimizer, layers: model.stochasticLayers, batches: &batches, noise: &noise)
        history = resume.history
    }
    var images = Tensor(zeros: [configuration.batchSize, 1, data.height, data.width])
    var labels: [UInt8] = []
    let validationImages = validation.map { imagesTensor($0) }
    var elapsed = history.last?.elapsed ?? 0
    let firstEpoch = history.count + 1
    guard firstEpoch <= configuration.epochs else { return history }
    for epoch in firstEpoch...configuration.epochs {
        batches.startEpoch()
        var reconstruction = 0.0, divergence = 0.0, seen = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for batch in 0..<batches.count {
            if shouldStop() {
                throw TrainingInterrupted(epoch: epoch, batch: batch + 1, batches: batches.count)
            }
            batches.fill(batch: batch, images: &images, labels: &labels)
            let loss = step.run(images: images, generator: &noise)
            guard loss.reconstruction.isFinite && loss.divergence.isFinite else {
                throw TrainingError.nonFiniteLoss(
                    epoch: epoch, batch: batch + 1, batches: batches.count, learningRate: configuration.learningRate)
            }
            reconstruction += loss.reconstruction
            divergence += loss.divergence
            seen += loss.images
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress(
                TrainingProgress(
                    epoch: epoch, epochs: configuration.epochs, batch: batch + 1, batches: batches.count,
                    runningLoss: (reconstruction + Double(configuration.beta) * divergence) / Double(seen),
                    imagesPerSecond: Double(seen) / max(seconds, 1e-9)))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        elapsed += seconds
        let beta = Double(configuration.beta)
        history.append(
            EpochRecord(
                epoch: epoch,
                trainLoss: (reconstruction + beta * divergence) / Double(seen),
                trainReconstruction: reconstruction / Double(seen),
                trainDivergence: divergence / Double(seen),
                validationLoss: validationImages.map { model.evaluate(images: $0).lossPerImage(beta: beta) },
                seconds: seconds, elapsed: elapsed))
        try epochFinished(
            step,
            TrainingState(
                optimizer: step.optimizer, layers: model.stochasticLayers, batches: batches, noise: noise,
                history: history))
    }
    model.isTraining = false
    return history
}

/// Training stopped at a batch boundary because a stop was requested (Ctrl-C).
public struct TrainingInterrupted: Error, Equatable {
    /// The epoch under way (1-based); epochs before it are finished.
    public var epoch: Int
    /// The batch that was about to start (1-based), of `batches`.
    public var batch: Int, batches: Int
}
