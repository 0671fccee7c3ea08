import Engine
import Figures
import Foundation
import Runner

/// The figures of what a classifier gets right and wrong on a data set: its confusion matrix
/// and the images it misclassifies.
enum ClassifierOperations {
    static let all = [confusionMatrix, mistakes]

    static let confusionMatrix = OperationSpec(
        name: "confusion_matrix",
        doc: "A heat map of how many images of each true class a classifier predicts as each class.",
        parameters: [.positional("fit", .fit), .labelled("on", .dataset)],
        result: .figure, version: 1, precheck: FitPrecheck.make(.classifier, fits: "fit", data: "on")
    ) { arguments, _ in
        let (fit, data, _, evaluation) = try evaluated(arguments, for: "confusion_matrix")
        let names = classNames(of: fit, data)
        let chart = try ConfusionMatrixChart(
            title: "\(fit.name): confusion matrix on \(data.title)",
            counts: evaluation.confusionMatrix(classes: names.count), classNames: names)
        return .domain(
            FigureValue([
                FigureMaker.figure(
                    svg: chart.svg(), title: "Confusion matrix \(fit.name)",
                    caption: "Images of \(data.title) by true class (rows) and \(fit.name)'s prediction (columns); "
                        + "the diagonal is right. \(evaluation.labels.count.formatted()) images.")
            ]))
    }

    static let mistakes = OperationSpec(
        name: "mistakes",
        doc: "The first images of a data set a classifier gets wrong, with their true and predicted classes.",
        parameters: [
            .positional("fit", .fit), .labelled("on", .dataset),
            .labelled("count", .int, default: .int(16), .between(1, 100)),
        ],
        result: .figure, version: 1, precheck: FitPrecheck.make(.classifier, fits: "fit", data: "on", drawsImages: true)
    ) { arguments, _ in
        let (fit, data, images, evaluation) = try evaluated(arguments, for: "mistakes")
        guard data.examples.isImage else {
            throw TaskError.needsImages(operation: "mistakes", fit: fit.name, features: data.examples.valuesPerExample)
        }
        let names = classNames(of: fit, data)
        let wrong = evaluation.labels.indices.filter { evaluation.predictions[$0] != evaluation.labels[$0] }
        let shown = Array(wrong.prefix(try arguments.int("count")))
        guard !shown.isEmpty else { throw PlotError.noMistakes(fit: fit.name, dataset: data.title) }
        let size = data.examples.valuesPerExample
        let pixels = images.values
        let figure = try CaptionedImages(
            images: shown.flatMap { pixels[$0 * size..<($0 + 1) * size] }, imageWidth: data.examples.width,
            imageHeight: data.examples.height, channels: data.examples.channels, columns: 8,
            captions: shown.map { index in
                [
                    name(evaluation.labels[index], in: names), "→ " + name(evaluation.predictions[index], in: names),
                    String(format: "%.1f%%", Double(evaluation.confidences[index]) * 100),
                ]
            })
        return .domain(
            FigureValue([
                FigureMaker.figure(
                    svg: try figure.svg(title: "\(fit.name): mistakes on \(data.title)", maximumWidth: 760),
                    title: "Mistakes \(fit.name)",
                    caption: "The first \(shown.count) of the \(wrong.count.formatted()) images of \(data.title) "
                        + "\(fit.name) gets wrong: under each, its true class, → the class predicted, "
                        + "and the probability the model gives that class.")
            ]))
    }

    /// The fit and data set of `arguments`, the data set's images, and the fit's classifier
    /// evaluated on them.
    private static func evaluated(
        _ arguments: Arguments, for operation: String
    ) throws -> (FitValue, DatasetValue, Tensor, ClassifierEvaluation) {
        let fit = try arguments.domain("fit", as: FitValue.self)
        let data = try arguments.domain("on", as: DatasetValue.self)
        try data.requireShape(of: fit, argument: "on")
        let model = try fit.classifier(for: operation)
        let images = data.tensor()
        return (fit, data, images, model.evaluate(images: images, labels: data.examples.labels))
    }

    /// The class names the fit was trained with, else the data set's.
    private static func classNames(of fit: FitValue, _ data: DatasetValue) -> [String] {
        fit.record.classNames ?? data.examples.classNames
    }

    /// The name of class `index`, or its number where the names stop short.
    private static func name(_ index: UInt8, in names: [String]) -> String {
        names.indices.contains(Int(index)) ? names[Int(index)] : String(index)
    }
}
