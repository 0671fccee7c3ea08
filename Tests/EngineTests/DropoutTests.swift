import Engine
import TestSupport
import Testing

/// Dropout's gradient while training, with the mask held fixed: the generator is put back to the
/// same state before every forward, so each perturbed evaluation drops the same elements.
private let dropoutCases: [(probability: Float, shape: Shape)] = [(0.5, [3, 7]), (0.2, [2, 3, 5, 5]), (0.9, [1, 9])]

@Test(arguments: dropoutCases)
func dropoutGradientMatchesFiniteDifferencesForAFixedMask(probability: Float, shape: Shape) {
    var generator = SeededGenerator(seed: 41)
    let layer = Dropout(probability: probability, generator: &generator)
    let start = layer.generator
    let input = randomTensor(shape, generator: &generator)
    let projection = randomTensor(shape, generator: &generator)
    func forward() -> Tensor {
        layer.generator = start
        return layer.forward(input)
    }
    let result = checkGradients(
        variables: [("input", input)],
        loss: { dot(forward(), projection) },
        gradients: {
            _ = forward()
            return [layer.backward(gradOutput: projection)]
        })
    #expect(result.passed, "\(result)")
}

/// Evaluating, dropout hands back its input and the gradient it is given, untouched.
@Test func dropoutIsTheIdentityWhileEvaluating() {
    var generator = SeededGenerator(seed: 42)
    let layer = Dropout(probability: 0.5, generator: &generator)
    layer.isTraining = false
    let input = randomTensor([4, 6], generator: &generator)
    let gradOutput = randomTensor([4, 6], generator: &generator)
    #expect(layer.forward(input) === input)
    #expect(layer.backward(gradOutput: gradOutput) === gradOutput)
    #expect(layer.description == "Dropout(p=0.5, inplace=False)")
}

/// While training, every element is either 0 or x / (1 − p), about 1 − p of them kept (within
/// five standard deviations of the binomial), and the gradient passes exactly where x did.
@Test(arguments: [Float(0.5), 0.2, 0.75])
func dropoutKeepsOneMinusPOfTheElementsScaledByItsInverse(probability: Float) {
    var generator = SeededGenerator(seed: 43)
    let layer = Dropout(probability: probability, generator: &generator)
    let count = 100_001  // odd: the last element takes half a random word
    let input = Tensor(shape: [1, count], values: [Float](repeating: 1, count: count))
    let output = layer.forward(input).values
    let scale = 1 / (1 - probability)
    #expect(output.allSatisfy { $0 == 0 || $0 == scale })
    let kept = Double(output.filter { $0 != 0 }.count)
    let keep = Double(1 - probability)
    let deviation = (Double(count) * keep * (1 - keep)).squareRoot()
    #expect(abs(kept - Double(count) * keep) < 5 * deviation, "kept \(kept) of \(count)")
    let gradInput = layer.backward(gradOutput: input).values
    #expect(gradInput == output)
}

/// The same generator state gives the same mask, so a run resumed from a saved state drops what
/// the uninterrupted run would have; the next step draws a new mask.
@Test func dropoutMasksFollowTheGeneratorState() {
    var generator = SeededGenerator(seed: 44)
    let layer = Dropout(probability: 0.5, generator: &generator)
    let input = randomTensor([8, 16], generator: &generator)
    let saved = layer.generator.state
    let first = layer.forward(input).values
    let second = layer.forward(input).values
    #expect(first != second)
    guard let restored = SeededGenerator(state: saved) else {
        Issue.record("the state did not restore")
        return
    }
    layer.generator = restored
    #expect(layer.forward(input).values == first)
}
