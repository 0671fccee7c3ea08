import Engine
import Foundation
import Runner

/// A trained model with everything about how it was trained: the `Fit` of a notebook.
///
/// It is the value worth caching: its bytes are one safetensors file holding the weights under
/// their PyTorch names, with the description, configuration and history as JSON metadata.
public final class FitValue: PersistentValue, @unchecked Sendable {
    // @unchecked: the model is a class with mutable buffers, but the runner executes one
    // statement at a time, so no two threads ever use it at once.

    /// Values of this class are `Fit`s.
    public static let valueType = ValueType.fit
    /// The layout of `encoded()`: bump when it changes.
    public static let formatVersion = 2

    /// What is known about a fit besides its weights.
    struct Record: Codable {
        var spec: ModelSpec
        /// (C, H, W) of the images the model was built for and trained on.
        var imageShape: [Int]
        var configuration: TrainingConfiguration
        var history: [EpochRecord]
        var dataset: String
        var trainingImages: Int
        /// A classifier's class names, as its data set names them.
        var classNames: [String]?
    }

    let record: Record
    /// The trained model, in evaluation mode.
    public let model: TrainedModel

    init(record: Record, model: TrainedModel) {
        self.record = record
        self.model = model
        model.setTraining(false)
    }

    /// The trained VAE; throws for a classifier's fit, naming `operation`, which needs a VAE.
    func autoencoder(for operation: String) throws(TaskError) -> VariationalAutoencoder {
        guard case .autoencoder(let model) = model else { throw .needsAutoencoder(operation: operation, fit: name) }
        return model
    }

    /// The trained classifier; throws for a VAE's fit, naming `operation`, which needs a classifier.
    func classifier(for operation: String) throws(TaskError) -> Classifier {
        guard case .classifier(let model) = model else { throw .needsClassifier(operation: operation, fit: name) }
        return model
    }

    /// The architecture and its seed.
    public var spec: ModelSpec { record.spec }
    /// (C, H, W) of the images the model takes.
    public var imageShape: [Int] { record.imageShape }
    /// One entry per epoch.
    public var history: [EpochRecord] { record.history }
    /// The name figures and tables show.
    public var name: String { record.spec.name }
    /// Seconds spent in training steps.
    public var trainingSeconds: Double { record.history.last?.elapsed ?? 0 }
    /// Training images per second over the whole run.
    public var imagesPerSecond: Double {
        Double(record.trainingImages * record.history.count) / max(trainingSeconds, 1e-9)
    }

    /// The weights as a safetensors file that PyTorch loads with `safetensors.torch.load_file`.
    public func checkpoint() -> Safetensors {
        model.tensors.checkpoint(metadata: ["format": "pt", "nb.model": record.spec.name])
    }

    /// The weights and the record in one safetensors file.
    public func encoded() throws -> Data {
        try Self.encode(record, model: model.tensors)
    }

    /// The bytes `encoded()` writes for `record` and `model`, without making a fit (which would
    /// switch the model to evaluation): what a training snapshot saves after each epoch.
    static func encode(_ record: Record, model: any NamedTensors) throws -> Data {
        let json = try JSONEncoder().encode(record)
        var file = model.checkpoint(metadata: ["nb.fit": String(decoding: json, as: UTF8.self)])
        file.metadata["format"] = "pt"
        return Data(try file.encoded())
    }

    /// Reads a fit written by `encoded()`.
    public static func decoded(from data: Data) throws -> FitValue {
        let file = try Safetensors.decode([UInt8](data), path: "cache entry")
        guard let json = file.metadata["nb.fit"] else { throw FitDecodingError.missingRecord }
        let record = try JSONDecoder().decode(Record.self, from: Data(json.utf8))
        // The engine trusts the sizes it is given: a record from elsewhere is checked as a notebook's model is.
        guard record.imageShape.count == 3, record.imageShape.allSatisfy((1...4096).contains),
            let layout = try? record.spec.layout(for: record.imageShape),
            layout.trainingBytes(batch: 1) <= ModelSpec.memoryBudget
        else { throw FitDecodingError.unbuildableModel }
        let model = try TrainedModel.build(record.spec, imageShape: record.imageShape)
        try model.tensors.load(file, path: "cache entry")
        return FitValue(record: record, model: model)
    }

    /// The history, one row per epoch.
    public func summary() -> DisplayValue {
        let optional = { (value: Double?) in value.map(DisplayTable.Cell.number) ?? .text("–") }
        let columns =
            spec.isAutoencoder
            ? ["epoch", "train loss", "BCE", "KL", "validation loss", "seconds"]
            : ["epoch", "train loss", "train accuracy", "validation loss", "validation accuracy", "seconds"]
        let rows: [[DisplayTable.Cell]] = history.map { entry in
            let middle =
                spec.isAutoencoder
                ? [optional(entry.trainReconstruction), optional(entry.trainDivergence)]
                : [optional(entry.trainAccuracy)]
            return [.number(Double(entry.epoch)), .number(entry.trainLoss)] + middle
                + [optional(entry.validationLoss)] + (spec.isAutoencoder ? [] : [optional(entry.validationAccuracy)])
                + [.number(entry.seconds)]
        }
        let line = SummaryMessage.fit(
            name: name, dataset: record.dataset, epochs: history.count, seconds: trainingSeconds,
            imagesPerSecond: imagesPerSecond)
        return .list([
            .text(line.description),
            .table(DisplayTable(columns: columns, rows: rows)),
        ])
    }
}
