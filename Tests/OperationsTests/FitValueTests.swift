import Datasets
import Engine
import Foundation
import Testing

@testable import Operations

/// 64 MNIST training images and 16 test images: enough for two short epochs of a tiny model.
private let trainingImages: LabeledExamples? = try? LabeledExamples.load(.mnist, split: .train, limit: 64)
private let testImages: LabeledExamples? = try? LabeledExamples.load(.mnist, split: .test, limit: 16)

/// A tiny model of each family, the CNN with BatchNorm so its running statistics (buffers, one of
/// them an integer) must survive the cache too.
struct FitCase: CustomTestStringConvertible, Sendable {
    let spec: ModelSpec
    var testDescription: String { spec.name }

    static let all = [
        FitCase(
            spec: ModelSpec(
                architecture: .mlpVAE(hidden: [32], latent: 2, activation: .relu, batchNorm: false), seed: 11,
                name: "tiny MLP")),
        FitCase(
            spec: ModelSpec(
                architecture: .cnnVAE(channels: [4, 8], latent: 2, activation: .gelu, batchNorm: true), seed: 12,
                name: "tiny CNN")),
        FitCase(
            spec: ModelSpec(
                architecture: .classifier(
                    .sequence([
                        .conv2d(channels: 4, kernel: 3, stride: 1, padding: 0), .batchNorm, .activation(.relu),
                        .maxPool2d(kernel: 2, stride: 2), .flatten, .dropout(0.5), .linear(features: 10, bias: true),
                    ])), seed: 13, name: "tiny classifier")),
    ]

    /// The fit `train` would give: two epochs with validation, so the history has validation losses.
    func trainedFit() throws -> FitValue {
        let data = try #require(trainingImages)
        let validation = try #require(testImages)
        let model = try TrainedModel.build(spec, imageShape: [1, 28, 28])
        let configuration = TrainingConfiguration(epochs: 2, batchSize: 32, learningRate: 1e-3, beta: 1, seed: 5)
        let history: [EpochRecord]
        switch model {
        case .autoencoder(let model):
            history = try train(model, on: data, validation: validation, configuration: configuration)
        case .classifier(let model):
            let hooks = TrainingHooks(shouldStop: { false }, batchFinished: { _ in }, epochFinished: { _ in })
            history = try trainClassifier(
                model, on: data, validation: validation, configuration: configuration, resume: nil, hooks: hooks
            ) { _ in (Data(), Data()) }
        }
        let record = FitValue.Record(
            spec: spec, imageShape: [1, 28, 28], configuration: configuration, history: history,
            dataset: "MNIST train (64 images)",
            trainingImages: data.count, classNames: data.classNames)
        return FitValue(record: record, model: model)
    }
}

/// The names of the tensors (parameters and buffers) that differ between the two models in any
/// bit of any value (NaN included, −0 told from 0), or that only one of them has: short enough to
/// read when a test fails.
private func tensorsDiffering(_ model: TrainedModel, _ other: TrainedModel) -> [String] {
    func bits(_ model: TrainedModel) -> [String: [UInt32]] {
        let model = model.tensors
        var bits: [String: [UInt32]] = [:]
        for (name, parameter) in model.namedParameters { bits[name] = parameter.value.values.map(\.bitPattern) }
        for buffer in model.namedBuffers { bits[buffer.name] = buffer.value.values.map(\.bitPattern) }
        return bits
    }
    let (first, second) = (bits(model), bits(other))
    return Set(first.keys).union(second.keys).filter { first[$0] != second[$0] }.sorted()
}

/// How many values differ in any bit between two arrays of pixels, or -1 when their lengths differ.
private func valuesDiffering(_ values: [Float], _ other: [Float]) -> Int {
    guard values.count == other.count else { return -1 }
    return zip(values, other).filter { $0.bitPattern != $1.bitPattern }.count
}

/// A cached training pays off only if the cache entry gives back the very fit that was trained.
@Suite struct FitValueTests {
    @Test(arguments: FitCase.all)
    func aFitDecodedFromItsBytesHasTheSameWeightsHistoryAndConfiguration(_ example: FitCase) throws {
        let fit = try example.trainedFit()
        let decoded = try FitValue.decoded(from: try fit.encoded())

        #expect(tensorsDiffering(decoded.model, fit.model) == [])
        // Training moved every tensor away from the spec's initial one (BatchNorm's running
        // statistics and batch count too), so the equality above means the entry's tensors were
        // loaded, not that the spec was built again.
        let initial = try TrainedModel.build(example.spec, imageShape: [1, 28, 28])
        let tensors = initial.tensors.namedParameters.count + initial.tensors.namedBuffers.count
        #expect(tensorsDiffering(fit.model, initial).count == tensors)
        #expect(example.spec.name.contains("MLP") == decoded.model.tensors.namedBuffers.isEmpty)

        #expect(decoded.spec == example.spec)
        #expect(decoded.record.configuration == fit.record.configuration)
        #expect(decoded.history == fit.history)
        #expect(decoded.history.count == 2 && decoded.history.allSatisfy { $0.validationLoss != nil })
        #expect(decoded.record.dataset == "MNIST train (64 images)")
        #expect(decoded.record.trainingImages == 64)
        #expect(decoded.model.isTraining == false)
    }

    @Test(arguments: FitCase.all.filter(\.spec.isAutoencoder))
    func aDecodedFitEvaluatesExactlyLikeTheOriginal(_ example: FitCase) throws {
        let trained = try example.trainedFit()
        let decodedFit = try FitValue.decoded(from: try trained.encoded())
        let fit = try trained.autoencoder(for: "test"), decoded = try decodedFit.autoencoder(for: "test")
        let images = imagesTensor(try #require(testImages), limit: 8)

        let original = fit.evaluate(images: images, batch: 4)
        #expect(decoded.evaluate(images: images, batch: 4) == original)
        // A fresh model of the same spec scores differently, so the equality above is not vacuous.
        #expect(try example.spec.buildAutoencoder(input: [1, 28, 28]).evaluate(images: images, batch: 4) != original)

        let reconstructions = fit.reconstructionPixels(of: images)
        #expect(valuesDiffering(decoded.reconstructionPixels(of: images), reconstructions) == 0)
        #expect(reconstructions.count == 8 * 28 * 28)
        #expect(
            valuesDiffering(
                try example.spec.buildAutoencoder(input: [1, 28, 28]).reconstructionPixels(of: images), reconstructions)
                > 0)
    }

    @Test func aDecodedClassifierPredictsExactlyLikeTheOriginal() throws {
        let trained = try FitCase.all[2].trainedFit()
        let decoded = try FitValue.decoded(from: try trained.encoded())
        let data = try #require(testImages)
        let images = imagesTensor(data)
        let original = try trained.classifier(for: "test").evaluate(images: images, labels: data.labels, batch: 4)
        #expect(try decoded.classifier(for: "test").evaluate(images: images, labels: data.labels, batch: 4) == original)
        #expect(decoded.record.classNames == data.classNames)
        let fresh = try FitCase.all[2].spec.buildClassifier(input: [1, 28, 28])
        #expect(fresh.evaluate(images: images, labels: data.labels, batch: 4) != original)
    }

    @Test func bytesWithoutAFitRecordAreNotAFit() throws {
        let model = try FitCase.all[0].spec.buildAutoencoder(input: [1, 28, 28])
        let bytes = Data(try model.checkpoint(metadata: ["format": "pt"]).encoded())
        #expect(throws: FitDecodingError.missingRecord) { try FitValue.decoded(from: bytes) }
    }
}
