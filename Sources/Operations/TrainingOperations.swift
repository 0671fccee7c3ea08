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
        result: .fit, version: 2, isRandom: true, persisting: FitValue.self, resumableBy: "epochs",
        resumableStep: "epoch", precheck: precheckTraining
    ) { arguments, context in
        let request = try TrainingRequest(arguments, seed: context.seed)
        try request.checkMemory()
        guard request.spec.isAutoencoder else {
            return .domain(try TrainingSession(task: ClassifierTraining(request: request), context: context).run())
        }
        return .domain(try TrainingSession(task: AutoencoderTraining(request: request), context: context).run())
    }

    /// Lays the model over the data's images before anything runs, so that a layer that cannot
    /// take its input, a decoder that does not give the images back, a classifier without one
    /// output per class, or a run over the memory budget is an error at the layer or the call.
    @Sendable private static func precheckTraining(_ call: KnownCall) throws -> (any Sendable)? {
        guard let model = call["model"]?.fact(as: ModelFact.self), let data = call["on"]?.fact(as: DatasetFact.self)
        else { return nil }
        let layout = try model.layout(for: data.imageShape, classes: model.spec.isAutoencoder ? nil : data.classes)
        if let validate = call["validate"], let validation = validate.fact(as: DatasetFact.self),
            validation.imageShape != data.imageShape
        {
            let error = ImageShapeError.mismatch(
                model: model.spec.name, modelShape: data.imageShape, argument: "validate", dataset: validation.title,
                dataShape: validation.imageShape)
            throw PrecheckError(error, at: validate.site)
        }
        if case .int(let batch)? = call["batch"]?.constant, layout.trainingBytes(batch: batch) > ModelSpec.memoryBudget
        {
            let error = ModelSizeError.trainingTooLarge(
                model: model.spec.name, bytes: layout.trainingBytes(batch: batch), budget: ModelSpec.memoryBudget)
            throw PrecheckError(error, at: call.site)
        }
        return FitFact(model: model, imageShape: data.imageShape)
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
            let reason = TrainingMessage.folderNotCreated(path: directory.path, reason: SystemError.reason(error))
            throw SafetensorsError.writeFailed(path: path, reason: reason.description)
        }
        try fit.checkpoint().write(to: path)
        return .string(
            TrainingMessage.saved(parameters: fit.model.parameterCount, fit: fit.name, path: path).description)
    }
}
