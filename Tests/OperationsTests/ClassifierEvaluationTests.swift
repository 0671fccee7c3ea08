import Engine
import Foundation
import Testing

@testable import Operations

/// A linear classifier over two features whose weights are written by hand, so every image's
/// logits, prediction and loss can be worked out on paper: logit k = w_k · x.
private func handMadeClassifier() -> Classifier {
    var generator = SeededGenerator(seed: 0)
    let linear = Linear(2, 3, bias: false, generator: &generator)
    // Class 0 scores x₀, class 1 scores x₁, class 2 scores −x₀ − x₁.
    for (index, value) in [1, 0, 0, 1, -1, -1].enumerated() { linear.parameters[0].value[index] = Float(value) }
    return Classifier(net: Sequential([linear]), imageShape: [2])
}

/// Six images: three predicted right (labels 0, 1, 2), three wrong.
private let images: [Float] = [2, 0, 0, 3, -1, -1, 2, 0, 0, 3, -1, -1]
private let labels: [UInt8] = [0, 1, 2, 1, 2, 0]

@Test func accuracyAndTheConfusionMatrixCountEveryPredictionOnAHandMadeSet() {
    let model = handMadeClassifier()
    let evaluation = model.evaluate(images: Tensor(shape: [6, 2], values: images), labels: labels, batch: 4)
    #expect(evaluation.predictions == [0, 1, 2, 0, 1, 2])
    #expect(evaluation.accuracy == 0.5)
    #expect(
        evaluation.confusionMatrix(classes: 3) == [
            [1, 0, 1],  // class 0: the first image right, the last taken for class 2
            [1, 1, 0],  // class 1: the second right, the fourth taken for class 0
            [0, 1, 1],  // class 2: the third right, the fifth taken for class 1
        ])
    // Images 0 and 3 have logits (2, 0, −2), 1 and 4 (0, 3, −3), 2 and 5 (−1, −1, 2); the loss of each is
    // log Σ e^z − z[label].
    let (a, b, c) = (log(exp(2.0) + 1 + exp(-2.0)), log(1 + exp(3.0) + exp(-3.0)), log(2 * exp(-1.0) + exp(2.0)))
    let losses = [a - 2, b - 3, c - 2, a - 0, b + 3, c + 1]
    #expect(abs(evaluation.lossPerImage - losses.reduce(0, +) / 6) < 1e-5)
    #expect(abs(Double(evaluation.confidences[0]) - exp(2.0) / exp(a)) < 1e-6)
}
