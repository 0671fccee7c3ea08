import Engine
import Files
import Foundation
import Runner

/// Training and saving: `fit = train(mlp, on: train, validate: test, epochs: 10)`, `save(fit, path: …)`.
enum TrainingOperations {
    static let all = [train, save]

    static let train = OperationSpec(
        name: "train",
        doc: "Trains a model with Adam on BCE + β·KL per image; gives the trained weights and the history per epoch.",
        parameters: [
            .positional("model", .model),
            .labelled("on", .dataset),
            .labelled("validate", .dataset, optional: true),
            .labelled("epochs", .int, default: .int(10), .between(1, 1000)),
            .labelled("batch", .int, default: .int(128), .between(1, 65536)),
            .labelled(
                "lr", .float, default: .float(1e-3),
                .range(lower: 0, lowerInclusive: false, upper: 10, upperInclusive: true)),
            .labelled("beta", .float, default: .float(1), .between(0, 1000)),
            .seed,
        ],
        result: .fit, version: 2, isRandom: true, persisting: FitValue.self, resumableBy: "epochs"
    ) { arguments, context in
        let spec = try arguments.domain("model", as: ModelValue.self).spec
        let data = try arguments.domain("on", as: DatasetValue.self)
        let validation = arguments["validate"] == nil ? nil : try arguments.domain("validate", as: DatasetValue.self)
        try data.requireShape(of: spec, argument: "on")
        try validation?.requireShape(of: spec, argument: "validate")
        let configuration = TrainingConfiguration(
            epochs: try arguments.int("epochs"), batchSize: try arguments.int("batch"),
            learningRate: Float(try arguments.float("lr")), beta: Float(try arguments.float("beta")), seed: context.seed
        )
        let needed = spec.estimatedTrainingBytes(batch: min(configuration.batchSize, data.images.count))
        guard needed <= ModelSpec.memoryBudget else {
            throw ModelSizeError.tooLarge(
                model: spec.name, what: "training", bytes: needed, budget: ModelSpec.memoryBudget,
                advice: "use a smaller batch or a smaller model")
        }
        let record = { (history: [EpochRecord]) in
            var configuration = configuration
            configuration.epochs = history.count
            return FitValue.Record(
                spec: spec, configuration: configuration, history: history, dataset: data.title,
                trainingImages: data.images.count)
        }
        let snapshots = context.snapshots?.store
        var model = spec.build()
        var resume: TrainingState?
        if let start = context.snapshots?.start, let snapshots {
            do {
                let fit = try FitValue.decoded(from: try snapshots.result(step: start.step))
                guard fit.history.count == start.step, fit.record.spec == spec else {
                    throw TrainingStateError.unusable("it is of another run")
                }
                if case .exact = start {
                    context.resumed(from: start.step)
                    return .domain(fit)
                }
                let state = try TrainingState.decoded(
                    from: try snapshots.state(step: start.step), moments: fit.model.parameters.count,
                    history: fit.history)
                (model, resume) = (fit.model, state)
                context.resumed(from: start.step)
            } catch {
                context.warn(
                    "could not resume from the snapshot of epoch \(start.step) (\(error)); training from the start")
            }
        }
        let batches = (data.images.count + configuration.batchSize - 1) / configuration.batchSize
        let progress = context.progress(total: batches * configuration.epochs, unit: "batch")
        if let done = resume?.history.count { progress.advance(by: done * batches) }
        let history: [EpochRecord]
        do {
            history = try Operations.train(
                model, on: data.images, validation: validation?.images, configuration: configuration, resume: resume,
                shouldStop: { context.stopRequested },
                epochFinished: { _, state in
                    if let last = state.history.last, let validation = last.validationLoss {
                        context.measured("validation loss", step: Double(last.epoch), value: validation)
                    }
                    guard let snapshots else { return }
                    do {
                        try snapshots.save(
                            result: try FitValue.encode(record(state.history), model: model),
                            state: try state.encoded(),
                            step: state.history.count)
                    } catch {
                        context.warn(
                            "could not save the snapshot of epoch \(state.history.count) (\(error)); "
                                + "a later run cannot resume from it")
                    }
                }
            ) { update in
                // Every batch counts; the message is refreshed every tenth to keep logs light.
                let message =
                    update.batch % 10 == 0 || update.batch == update.batches
                    ? "epoch \(update.epoch)/\(update.epochs) · loss \(String(format: "%.2f", update.runningLoss)) · "
                        + "\(Int(update.imagesPerSecond).formatted()) images/s"
                    : nil
                progress.advance(message: message)
                if update.batch % 20 == 0 || update.batch == update.batches {
                    let step = Double(update.epoch - 1) + Double(update.batch) / Double(update.batches)
                    context.measured("train loss", step: step, value: update.runningLoss)
                }
            }
        } catch let stopped as TrainingInterrupted {
            let finished = stopped.epoch - 1
            throw Interrupted(
                at: "epoch \(stopped.epoch), batch \(stopped.batch) of \(stopped.batches)",
                kept: finished > 0 && snapshots != nil ? "the snapshot of epoch \(finished)" : nil)
        }
        return .domain(FitValue(record: record(history), model: model))
    }

    static let save = OperationSpec(
        name: "save",
        doc: "Writes a fit's weights as safetensors with PyTorch state_dict names (load_file + load_state_dict).",
        parameters: [.positional("fit", .fit), .labelled("path", .string, .nonEmpty)],
        result: .string, version: 1, hasSideEffects: true, writesFile: "path"
    ) { arguments, _ in
        let fit = try arguments.domain("fit", as: FitValue.self)
        let path = try arguments.string("path")
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SafetensorsError.writeFailed(
                path: path, reason: "cannot create the folder '\(directory.path)': \(SystemError.reason(error))")
        }
        try fit.checkpoint().write(to: path)
        return .string("saved \(fit.model.parameterCount.formatted()) parameters of \(fit.name) to \(path)")
    }
}
