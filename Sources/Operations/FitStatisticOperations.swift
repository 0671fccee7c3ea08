import Engine
import Runner

/// The numbers people quote from a fit, one scalar each, for the prose's `{nb}` values and for
/// cells: `parameters(mlp_fit)`, `test_loss(cnn_fit, on: test)`.
///
/// They are small operations rather than member access (`mlp_fit.parameters`) because an
/// operation is already what the checker types, `--list-ops` documents and the cache keys; a
/// new syntax would need all three again. The test-set ones evaluate the model on the data set,
/// once per statement, and are cached like any statement.
enum FitStatisticOperations {
    static let all = [
        parameters, trainLoss, validationLoss, epochsTrained, trainingSeconds, imagesPerSecond,
        testLoss, testBCE, testKL, testMSE, accuracy,
    ]

    static let parameters = statistic("parameters", doc: "The number of trained weights and biases.", .int) { fit in
        .int(fit.model.parameterCount)
    }
    static let trainLoss = statistic("train_loss", doc: "The last epoch's mean training loss per image, in nats.") {
        fit in .float(fit.history.last?.trainLoss ?? .nan)
    }
    static let validationLoss = statistic(
        "validation_loss", doc: "The last epoch's loss per image on the validation images, in nats."
    ) { fit in
        guard let loss = fit.history.last?.validationLoss else { throw FitStatisticError.noValidation(fit.name) }
        return .float(loss)
    }
    static let epochsTrained = statistic("epochs_trained", doc: "How many epochs the fit trained for.", .int) { fit in
        .int(fit.history.count)
    }
    static let trainingSeconds = statistic("training_seconds", doc: "Seconds spent in training steps.") { fit in
        .float(fit.trainingSeconds)
    }
    static let imagesPerSecond = statistic("images_per_second", doc: "Training images per second over the run.") {
        fit in
        .float(fit.imagesPerSecond)
    }

    static let testLoss = onData(
        "test_loss",
        doc: "The loss per image on a data set, in nats: BCE + β·KL for a VAE, cross-entropy for a classifier.",
        task: .same
    ) { fit, data in
        switch fit.model {
        case .autoencoder(let model):
            model.evaluate(images: data.tensor()).lossPerImage(beta: Double(fit.record.configuration.beta))
        case .classifier(let model):
            model.evaluate(images: data.tensor(), labels: data.examples.labels).lossPerImage
        }
    }

    static let accuracy = onData(
        "accuracy", doc: "The fraction of a data set's images a classifier predicts right, from 0 to 1.",
        task: .classifier
    ) { fit, data in
        try fit.classifier(for: "accuracy").evaluate(images: data.tensor(), labels: data.examples.labels).accuracy
    }

    static let testBCE = evaluation(
        "test_bce", doc: "The reconstruction cross-entropy per image on a data set, in nats."
    ) {
        evaluation, _ in evaluation.loss.reconstruction / Double(max(evaluation.loss.images, 1))
    }
    static let testKL = evaluation("test_kl", doc: "The KL divergence per image on a data set, in nats.") {
        evaluation, _ in evaluation.loss.divergence / Double(max(evaluation.loss.images, 1))
    }
    static let testMSE = evaluation("test_mse", doc: "The mean squared error per pixel on a data set.") {
        evaluation, _ in evaluation.meanSquaredError
    }

    /// `name(_ fit: Fit) -> result`.
    private static func statistic(
        _ name: String, doc: String, _ result: ValueType = .float,
        _ compute: @escaping @Sendable (FitValue) throws -> Value
    ) -> OperationSpec {
        OperationSpec(name: name, doc: doc, parameters: [.positional("fit", .fit)], result: result, version: 1) {
            arguments, _ in try compute(try arguments.domain("fit", as: FitValue.self))
        }
    }

    /// `name(_ fit: Fit, on: Dataset) -> Float`, from the fit's VAE evaluated on the data set.
    private static func evaluation(
        _ name: String, doc: String, _ compute: @escaping @Sendable (VAEEvaluation, FitValue) -> Double
    ) -> OperationSpec {
        onData(name, doc: doc, task: .autoencoder) { fit, data in
            compute(try fit.autoencoder(for: name).evaluate(images: data.tensor()), fit)
        }
    }

    /// `name(_ fit: Fit, on: Dataset) -> Float` for fits of `task`, computed from the fit and the
    /// data set once its images are known to be the shape the fit was trained on.
    private static func onData(
        _ name: String, doc: String, task: FitPrecheck.Task,
        _ compute: @escaping @Sendable (FitValue, DatasetValue) throws -> Double
    ) -> OperationSpec {
        OperationSpec(
            name: name, doc: doc, parameters: [.positional("fit", .fit), .labelled("on", .dataset)], result: .float,
            version: 1, precheck: FitPrecheck.make(task, fits: "fit", data: "on")
        ) { arguments, _ in
            let fit = try arguments.domain("fit", as: FitValue.self)
            let data = try arguments.domain("on", as: DatasetValue.self)
            try data.requireShape(of: fit, argument: "on")
            return .float(try compute(fit, data))
        }
    }
}
