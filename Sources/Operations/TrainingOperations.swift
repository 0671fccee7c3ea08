import Engine
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
        result: .fit, version: 2, isRandom: true, persisting: FitValue.self
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
        let model = spec.build()
        let batches = (data.images.count + configuration.batchSize - 1) / configuration.batchSize
        let progress = context.progress(total: batches * configuration.epochs, unit: "batch")
        let history = try Operations.train(
            model, on: data.images, validation: validation?.images, configuration: configuration
        ) { update in
            // Every batch counts; the message is refreshed every tenth to keep logs light.
            let message =
                update.batch % 10 == 0 || update.batch == update.batches
                ? "epoch \(update.epoch)/\(update.epochs) · loss \(String(format: "%.2f", update.runningLoss)) · "
                    + "\(Int(update.imagesPerSecond).formatted()) images/s"
                : nil
            progress.advance(message: message)
        }
        let record = FitValue.Record(
            spec: spec, configuration: configuration, history: history, dataset: data.title,
            trainingImages: data.images.count)
        return .domain(FitValue(record: record, model: model))
    }

    static let save = OperationSpec(
        name: "save",
        doc: "Writes a fit's weights as safetensors with PyTorch state_dict names (load_file + load_state_dict).",
        parameters: [.positional("fit", .fit), .labelled("path", .string, .nonEmpty)],
        result: .string, version: 1, hasSideEffects: true
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
