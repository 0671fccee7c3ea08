import Engine
import Testing

/// Expected values from PyTorch's update rule evaluated in float64:
/// `python3 -c "import math; ..."` with θ₀ = 1, lr = 0.1, gradients 0.5, −0.3, 0.2
/// (the same numbers `torch.optim.Adam([p], lr=0.1)` gives to float32 precision).
@Test func adamFollowsPyTorchsUpdateRule() {
    let parameter = Parameter(name: "theta", value: Tensor(shape: [1], values: [1]))
    let adam = Adam(parameters: [parameter], learningRate: 0.1)
    var trajectory: [Float] = []
    for gradient: Float in [0.5, -0.3, 0.2] {
        adam.zeroGrad()
        parameter.grad[0] = gradient
        adam.step()
        trajectory.append(parameter.value[0])
    }
    let expected: [Float] = [0.900_000_002, 0.880_850_198_9, 0.846_107_430_8]
    #expect(zip(trajectory, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(trajectory)")
    #expect(adam.stepCount == 3)
}

@Test func adamUsesPyTorchsDefaults() {
    let adam = Adam(parameters: [])
    #expect([adam.learningRate, adam.beta1, adam.beta2, adam.epsilon] == [1e-3, 0.9, 0.999, 1e-8])
}

@Test func zeroGradClearsAccumulatedGradients() {
    let parameter = Parameter(name: "w", value: Tensor(zeros: [3]))
    parameter.grad.fill(2)
    Adam(parameters: [parameter]).zeroGrad()
    #expect(parameter.grad.values == [0, 0, 0])
}
