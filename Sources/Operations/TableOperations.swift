import Engine
import Runner

/// The metrics table: `metrics(mlp_fit, cnn_fit, on: test)`.
enum TableOperations {
    static let all = [metrics]

    static let metrics = OperationSpec(
        name: "metrics",
        doc: "Parameters, test loss, reconstruction error, final train loss, training time and speed of each fit.",
        parameters: [.variadic("fits", .fit), .labelled("on", .dataset)],
        result: .table, version: 2
    ) { arguments, _ in
        let fits = try arguments.domains("fits", as: FitValue.self)
        let data = try arguments.domain("on", as: DatasetValue.self)
        for fit in fits { try data.requireShape(of: fit, argument: "on") }
        let images = data.tensor()
        let columns = [
            "model", "parameters", "test loss", "test BCE", "test KL", "test MSE per pixel", "final train loss",
            "training time (s)", "images/s",
        ]
        let rows: [[DisplayTable.Cell]] = fits.map { fit in
            let beta = Double(fit.record.configuration.beta)
            let evaluation = fit.model.evaluate(images: images)
            let n = Double(max(evaluation.loss.images, 1))
            return [
                .text(fit.name), .number(Double(fit.model.parameterCount)),
                .number(evaluation.lossPerImage(beta: beta)),
                .number(evaluation.loss.reconstruction / n), .number(evaluation.loss.divergence / n),
                .number(evaluation.meanSquaredError), .number(fit.history.last?.trainLoss ?? .nan),
                .number(fit.trainingSeconds), .number(fit.imagesPerSecond),
            ]
        }
        return .domain(TableValue(DisplayTable(columns: columns, rows: rows)))
    }
}
