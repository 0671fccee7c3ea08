import Engine
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
