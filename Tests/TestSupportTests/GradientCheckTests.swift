import Engine
import TestSupport
import Testing

/// A linear layer whose backward is wrong in a chosen way, to prove the checker notices.
private final class SabotagedLinear: Layer {
    enum Fault { case scaledInputGradient, missingBiasGradient, transposedWeightGradient }
    let inner: Linear
    let fault: Fault
    var isTraining = true

    init(fault: Fault) {
        var generator = SeededGenerator(seed: 7)
        inner = Linear(4, 4, generator: &generator)
        self.fault = fault
    }

    var parameters: [Parameter] { inner.parameters }
    var description: String { "Sabotaged" }
    func outputShape(for input: Shape) -> Shape { inner.outputShape(for: input) }
    func forward(_ input: Tensor) -> Tensor { inner.forward(input) }

    func backward(gradOutput: Tensor) -> Tensor {
        let gradInput = inner.backward(gradOutput: gradOutput)
        switch fault {
        case .scaledInputGradient:
            for i in 0..<gradInput.count { gradInput[i] *= 1.05 }
        case .missingBiasGradient:
            inner.bias?.zeroGrad()
        case .transposedWeightGradient:
            let grad = inner.weight.grad
            for row in 0..<4 {
                for column in (row + 1)..<4 {
                    let t = grad[row * 4 + column]
                    grad[row * 4 + column] = grad[column * 4 + row]
                    grad[column * 4 + row] = t
                }
            }
        }
        return gradInput
    }
}

@Test func theCheckerPassesACorrectLinearLayer() {
    var generator = SeededGenerator(seed: 3)
    let result = checkGradients(of: Linear(4, 4, generator: &generator), inputShape: [3, 4])
    #expect(result.passed, "\(result)")
    #expect(result.entries.map(\.name) == ["input", "weight", "bias"])
}

@Test(arguments: [
    (SabotagedLinear.Fault.scaledInputGradient, "input"),
    (.missingBiasGradient, "bias"),
    (.transposedWeightGradient, "weight"),
])
fileprivate func theCheckerFailsASabotagedBackward(fault: SabotagedLinear.Fault, culprit: String) {
    let result = checkGradients(of: SabotagedLinear(fault: fault), inputShape: [3, 4])
    #expect(!result.passed)
    let failing = result.entries.filter { $0.error > 1 }.map(\.name)
    #expect(failing == [culprit], "\(result)")
}

@Test func randomInputsStayClearOfTheKinkAtZero() {
    var generator = SeededGenerator(seed: 11)
    let tensor = randomTensor([1000], generator: &generator, kinkMargin: 0.05)
    #expect(tensor.values.allSatisfy { abs($0) >= 0.05 })
}
