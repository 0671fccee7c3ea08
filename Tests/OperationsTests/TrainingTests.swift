import Datasets
import Engine
import Foundation
import Operations
import Testing

/// 2,000 real MNIST training images, loaded once for every test here.
private let smallTrainingSet: LabeledExamples? = try? LabeledExamples.load(.mnist, split: .train, limit: 2000)

private func trainSmallMLP(seed: UInt64, epochs: Int = 3) throws -> [EpochRecord] {
    let data = try #require(smallTrainingSet)
    var generator = SeededGenerator(seed: seed)
    let model = VariationalAutoencoder.mlp(hidden: [400, 400], latent: 20, generator: &generator)
    let configuration = TrainingConfiguration(epochs: epochs, batchSize: 128, learningRate: 1e-3, beta: 1, seed: seed)
    return try train(model, on: data, validation: nil, configuration: configuration)
}

@Test func theMLPVAELearnsOnTwoThousandImages() throws {
    let history = try trainSmallMLP(seed: 1)
    let losses = history.map(\.trainLoss)
    // A fresh model starts near 543 nats per image (784 · log 2); three epochs on 2,000 images
    // bring it well below 250, and every epoch improves on the last.
    #expect(losses[0] < 543)
    #expect(losses[2] < 250, "\(losses)")
    #expect(losses[1] < losses[0] && losses[2] < losses[1], "\(losses)")
    #expect(history.map(\.epoch) == [1, 2, 3])
    #expect(history.allSatisfy { abs($0.trainLoss - ($0.trainReconstruction! + $0.trainDivergence!)) < 1e-6 })
}

@Test func trainingIsDeterministicForASeed() throws {
    let first = try trainSmallMLP(seed: 2, epochs: 1).map(\.trainLoss)
    let second = try trainSmallMLP(seed: 2, epochs: 1).map(\.trainLoss)
    let other = try trainSmallMLP(seed: 3, epochs: 1).map(\.trainLoss)
    #expect(first == second)
    #expect(first != other)
}

@Test func aLossThatBecomesNaNStopsTrainingWithItsPosition() throws {
    let data = try #require(smallTrainingSet)
    var generator = SeededGenerator(seed: 4)
    let model = VariationalAutoencoder.mlp(hidden: [16], latent: 2, generator: &generator)
    model.meanHead.weight.value[0] = .nan
    let configuration = TrainingConfiguration(epochs: 2, batchSize: 128, learningRate: 1e-3, beta: 1, seed: 4)
    #expect(throws: TrainingError.nonFiniteLoss(epoch: 1, batch: 1, batches: 16, learningRate: 1e-3)) {
        try train(model, on: data, validation: nil, configuration: configuration)
    }
    #expect(
        TrainingError.nonFiniteLoss(epoch: 3, batch: 17, batches: 469, learningRate: 0.1).description
            == "the loss became NaN or infinite at epoch 3, batch 17 of 469 (learning rate 0.1); "
            + "try a smaller learning rate, such as lr: 0.01")
    // Before, Float's 1e-3 / 10 was printed as 0.000100000005.
    #expect(
        TrainingError.nonFiniteLoss(epoch: 1, batch: 1, batches: 2, learningRate: 1e-3).description
            == "the loss became NaN or infinite at epoch 1, batch 1 of 2 (learning rate 0.001); "
            + "try a smaller learning rate, such as lr: 0.0001")
}
