import Engine
import Runner

/// The metrics table: `metrics(mlp_fit, cnn_fit, on: test)`.
enum TableOperations {
    static let all = [metrics]

    static let metrics = OperationSpec(
        name: "metrics",
        doc: "Each fit's parameters, test loss (and BCE, KL and MSE for VAEs, accuracy for classifiers), final "
            + "train loss, training time and speed.",
        parameters: [.variadic("fits", .fit), .labelled("on", .dataset)],
        result: .table, version: 3, precheck: FitPrecheck.make(.same, data: "on")
    ) { arguments, _ in
        let fits = try arguments.domains("fits", as: FitValue.self)
        let data = try arguments.domain("on", as: DatasetValue.self)
        for fit in fits { try data.requireShape(of: fit, argument: "on") }
        let images = data.tensor()
        // The first fit's task sets the columns; a fit of the other task is refused by name.
        let autoencoders = fits.first?.spec.isAutoencoder ?? true
        let columns: [String]
        if autoencoders {
            columns = [
                "model", "parameters", "test loss", "test BCE", "test KL", "test MSE per pixel", "final train loss",
                "training time (s)", "images/s",
            ]
        } else {
            columns = [
                "model", "parameters", "test accuracy", "test loss", "final train loss", "training time (s)",
                "images/s",
            ]
        }
        let rows: [[DisplayTable.Cell]] = try fits.map { fit in
            let scores: [Double]
            if autoencoders {
                let evaluation = try fit.autoencoder(for: "metrics").evaluate(images: images)
                let n = Double(max(evaluation.loss.images, 1))
                scores = [
                    evaluation.lossPerImage(beta: Double(fit.record.configuration.beta)),
                    evaluation.loss.reconstruction / n, evaluation.loss.divergence / n, evaluation.meanSquaredError,
                ]
            } else {
                let evaluation = try fit.classifier(for: "metrics").evaluate(
                    images: images, labels: data.examples.labels)
                scores = [evaluation.accuracy, evaluation.lossPerImage]
            }
            return [.text(fit.name), .number(Double(fit.model.parameterCount))] + scores.map(DisplayTable.Cell.number)
                + [
                    .number(fit.history.last?.trainLoss ?? .nan), .number(fit.trainingSeconds),
                    .number(fit.imagesPerSecond),
                ]
        }
        return .domain(TableValue(DisplayTable(columns: columns, rows: rows)))
    }
}
