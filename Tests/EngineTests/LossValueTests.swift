import Engine
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Test func binaryCrossEntropyIsFiniteAtExactlyZeroAndOne() {
    let prediction = Tensor(shape: [4], values: [0, 1, 0, 1])
    let target = Tensor(shape: [4], values: [0, 1, 1, 0])
    let loss = BinaryCrossEntropy()
    // Matching predictions cost nothing; the two wrong ones cost PyTorch's clamp of 100 each.
    #expect(loss.forward(prediction: prediction, target: target) == 200)
    #expect(loss.backward().values.allSatisfy { $0.isFinite })
}

@Test func binaryCrossEntropyWithLogitsIsStableForHugeLogits() {
    let logits = Tensor(shape: [4], values: [-1e4, 1e4, 0, 30])
    let target = Tensor(shape: [4], values: [0, 1, 0.5, 0])
    let loss = BinaryCrossEntropyWithLogits()
    let value = loss.forward(logits: logits, target: target)
    // Only the last two contribute: log 2 (σ(0) = ½ against ½ is −log ½) and 30 + log(1 + e⁻³⁰).
    #expect(abs(value - (0.693_147_18 + 30)) < 1e-4)
    #expect(loss.probabilities?.values == [0, 1, 0.5, 1])
    #expect(loss.backward().values == [0, 0, 0, 1])
}

@Test func bceWithLogitsEqualsBCEOfTheSigmoid() {
    let logits = Tensor(shape: [3], values: [-2, 0.3, 4])
    let target = Tensor(shape: [3], values: [0.2, 0.9, 1])
    let fused = BinaryCrossEntropyWithLogits().forward(logits: logits, target: target)
    let probabilities = Tensor(shape: [3], values: logits.values.map { 1 / (1 + expf(-$0)) })
    let plain = BinaryCrossEntropy().forward(prediction: probabilities, target: target)
    #expect(abs(fused - plain) < 1e-5)
}

@Test func klDivergenceIsZeroForTheStandardNormalAndKnownOtherwise() {
    let kl = KLDivergence()
    #expect(kl.forward(mean: Tensor(zeros: [2, 3]), logVariance: Tensor(zeros: [2, 3])) == 0)
    // μ = 1, log σ² = 0: −½(1 + 0 − 1 − 1) = ½ per element.
    let mean = Tensor(shape: [1, 2], values: [1, 1])
    #expect(kl.forward(mean: mean, logVariance: Tensor(zeros: [1, 2])) == 1)
}

/// The fused loss evaluates e^x and log(1 + x) with its own eight-lane polynomials (Swift on Linux
/// has no vector libm). Against the same formulas in Double, across every magnitude a logit can
/// usefully have and through both the eight-lane and the leftover-lane paths, each probability is
/// within 3 ulps (or 1e-37, where σ underflows) and each per-element loss within 3e-7 relative (or 1e-12 absolute near 0).
@Test func bceWithLogitsPolynomialsMatchDoublePrecision() {
    var logits: [Float] = []
    for exponent in -30...6 {
        for mantissa in stride(from: Float(1), to: 2, by: 0.125) {
            let magnitude = mantissa * Float(sign: .plus, exponent: exponent, significand: 1)
            logits += [magnitude, -magnitude]
        }
    }
    logits += [0, -87, -87.5, -89, -104, 88, 100, 1e4, -1e4]
    let targets = logits.indices.map { Float($0 % 5) / 4 }
    func reference(_ z: Float, _ t: Float) -> (loss: Double, probability: Double) {
        let z = Double(z), t = Double(t)
        return (max(z, 0) - z * t + Foundation.log1p(Foundation.exp(-abs(z))), 1 / (1 + Foundation.exp(-z)))
    }
    let loss = BinaryCrossEntropyWithLogits()
    // One element at a time: each value alone goes through the leftover-lane path.
    for (z, t) in zip(logits, targets) {
        let value = loss.forward(logits: Tensor(shape: [1], values: [z]), target: Tensor(shape: [1], values: [t]))
        let expected = reference(z, t)
        #expect(abs(value - expected.loss) <= max(3e-7 * expected.loss, 1e-12), "loss at z = \(z)")
    }
    // All together: the eight-lane path, and its probabilities.
    _ = loss.forward(
        logits: Tensor(shape: [logits.count], values: logits), target: Tensor(shape: [logits.count], values: targets))
    for (index, p) in (loss.probabilities?.values ?? []).enumerated() {
        let expected = Float(reference(logits[index], targets[index]).probability)
        #expect(abs(p - expected) <= max(3 * expected.ulp, 1e-37), "σ(\(logits[index])) = \(p), expected \(expected)")
    }
}

/// Logits far beyond e^x's range give the exact loss (the margin to the label's logit) and a
/// finite gradient; equal logits give log K.
@Test func softmaxCrossEntropyIsStableForHugeLogits() {
    let logits = Tensor(shape: [3, 3], values: [1e4, -1e4, 0, 1000, 1000, 1000, -500, 200, -500])
    let loss = SoftmaxCrossEntropy()
    // Row 0 predicts class 0 with certainty but the label is 1: 2e4. Row 1: log 3. Row 2: 0.
    let value = loss.forward(logits: logits, labels: [1, 2, 1])
    #expect(abs(value - (2e4 + log(3.0)) / 3) < 1e-3)
    let gradient = loss.backward().values
    #expect(gradient.allSatisfy { $0.isFinite })
    #expect(gradient[0] == Float(1) / 3 && gradient[1] == -Float(1) / 3)
}

/// Correct predictions count the rows whose first largest logit is the label, as
/// `(logits.argmax(1) == labels).sum()` does in PyTorch.
@Test func softmaxCrossEntropyCountsArgmaxHits() {
    let logits = Tensor(shape: [4, 3], values: [0.1, 0.7, 0.2, 2, 2, 1, -1, -3, -2, 0, 0, 5])
    let loss = SoftmaxCrossEntropy()
    _ = loss.forward(logits: logits, labels: [1, 1, 0, 2])
    // Row 1 ties classes 0 and 1: argmax says 0, so the label 1 is a miss.
    #expect(loss.correctPredictions == 3)
    let probabilities = loss.probabilities?.values ?? []
    for row in 0..<4 {
        #expect(abs(probabilities[(row * 3)..<(row * 3 + 3)].reduce(0, +) - 1) < 1e-6)
    }
}
