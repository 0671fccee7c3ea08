import Engine
import Foundation
import Runner

/// What `train` was asked: the model, the data, and the hyper-parameters, read from its arguments
/// and checked against each other and the memory budget.
struct TrainingRequest {
    /// The model to build and train.
    let spec: ModelSpec
    /// The model laid over the data's images.
    let layout: ModelLayout
    /// The training images.
    let data: DatasetValue
    /// The images to measure the validation loss on after each epoch, if given.
    let validation: DatasetValue?
    /// The hyper-parameters, seeded with the statement's seed.
    let configuration: TrainingConfiguration

    /// Reads the arguments of `train` and checks that the data fits the model.
    init(_ arguments: Arguments, seed: UInt64) throws {
        spec = try arguments.domain("model", as: ModelValue.self).spec
        data = try arguments.domain("on", as: DatasetValue.self)
        validation = arguments["validate"] == nil ? nil : try arguments.domain("validate", as: DatasetValue.self)
        let classes = data.examples.classNames.count
        layout = try spec.layout(for: data.imageShape, classes: spec.isAutoencoder ? nil : classes)
        if !spec.isAutoencoder, let label = data.examples.labels.first(where: { Int($0) >= classes }) {
            throw TrainingError.labelOutOfRange(label: Int(label), classes: classes, dataset: data.title)
        }
        if let validation, validation.imageShape != data.imageShape {
            throw ImageShapeError.mismatch(
                model: spec.name, modelShape: data.imageShape, argument: "validate", dataset: validation.title,
                dataShape: validation.imageShape)
        }
        configuration = TrainingConfiguration(
            epochs: try arguments.int("epochs"), batchSize: try arguments.int("batch"),
            learningRate: Float(try arguments.float("lr")), beta: Float(try arguments.float("beta")), seed: seed)
    }

    /// Refuses a run whose batches would not fit in memory, before anything is allocated.
    func checkMemory() throws {
        let needed = layout.trainingBytes(batch: min(configuration.batchSize, data.examples.count))
        guard needed <= ModelSpec.memoryBudget else {
            throw ModelSizeError.trainingTooLarge(model: spec.name, bytes: needed, budget: ModelSpec.memoryBudget)
        }
    }

    /// The batches in each epoch.
    var batchesPerEpoch: Int { (data.examples.count + configuration.batchSize - 1) / configuration.batchSize }

    /// The fit a snapshot saved after `epochs` epochs; throws when it is not of this run.
    func savedFit(_ bytes: Data, epochs: Int) throws -> FitValue {
        let fit = try FitValue.decoded(from: bytes)
        guard fit.history.count == epochs, fit.record.spec == spec else { throw TrainingStateError.otherRun }
        return fit
    }

    /// The fit's record after the epochs of `history`.
    func record(_ history: [EpochRecord]) -> FitValue.Record {
        var configuration = configuration
        configuration.epochs = history.count
        return FitValue.Record(
            spec: spec, imageShape: data.imageShape, configuration: configuration, history: history,
            dataset: data.title, trainingImages: data.examples.count,
            classNames: spec.isAutoencoder ? nil : data.examples.classNames)
    }
}

/// A training of what `train` was asked: its epochs, batches and saved fits come from the request,
/// whichever model it trains.
protocol RequestedTraining: TrainingTask where Result == FitValue {
    /// What was asked.
    var request: TrainingRequest { get }
}

extension RequestedTraining {
    var epochs: Int { request.configuration.epochs }
    var batchesPerEpoch: Int { request.batchesPerEpoch }

    func savedResult(_ data: Data, epochs: Int) throws -> FitValue { try request.savedFit(data, epochs: epochs) }
}

/// The VAE's training as a `TrainingTask`: Adam on BCE + β·KL per image, giving a `FitValue`
/// with the history per epoch.
struct AutoencoderTraining: RequestedTraining {
    /// What was asked.
    let request: TrainingRequest

    func continuation(from fit: FitValue, state: Data) throws -> (VariationalAutoencoder, TrainingState) {
        let model = try fit.autoencoder(for: "train")
        return (model, try TrainingState.decoded(from: state, moments: model.parameters.count, history: fit.history))
    }

    func train(from continuation: (VariationalAutoencoder, TrainingState)?, hooks: TrainingHooks) throws -> FitValue {
        let model = try continuation?.0 ?? request.spec.buildAutoencoder(input: request.data.imageShape)
        let history = try Operations.train(
            model, on: request.data.examples, validation: request.validation?.examples,
            configuration: request.configuration, resume: continuation?.1, shouldStop: hooks.shouldStop,
            epochFinished: { _, state in
                hooks.epochFinished(
                    EpochSnapshot(epoch: state.history.count, validationLoss: state.history.last?.validationLoss) {
                        (try FitValue.encode(request.record(state.history), model: model), try state.encoded())
                    })
            }, progress: hooks.batchFinished)
        return FitValue(record: request.record(history), model: .autoencoder(model))
    }
}
