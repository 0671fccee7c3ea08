import Engine
import TestSupport
import Testing

/// Linear(7, 5) on a (3, 7) batch, seed 61: y, dx, dW and db as bit patterns, recorded from the
/// layer as it was before `bias:` was added (commit 686e831), so the biased path stays bit-identical.
private let goldenOutput: [UInt32] = [
    0xBDFFA595, 0xBEF48D74, 0x3D76B900, 0xBEB2EF30, 0xBDFECDB2,
    0xBF279BD0, 0xBEA842DA, 0x3F100F5A, 0xBD7FF890, 0xBF82A77C,
    0x3EC94934, 0xBDF46992, 0x3E1CB0C2, 0xBEF213D2, 0xBEC7190C,
]
private let goldenGradInput: [UInt32] = [
    0xBE99176B, 0x3E1EDC45, 0x3E0035D2, 0xBCDD6B88, 0xBCD17F20,
    0x3EF4EE70, 0x3E069B7B, 0xBF279001, 0x3F00EC1C, 0xBEDD0FEE,
    0x3E7B5413, 0x3E654D5D, 0xBEFA52DC, 0xBF8BEFCF, 0xBD1852EB,
    0x3F172476, 0xBDD9D180, 0x3E7ACC4C, 0x3EC7A458, 0xBE8ED9BE,
    0xBF1F3EBB,
]
private let goldenGradWeight: [UInt32] = [
    0x3EAD97A2, 0x4002A45C, 0x3FFC4D2C, 0x3F02F374, 0x3FE53150,
    0xBF90194C, 0x3FC17FB1, 0x3EC0FEB5, 0x3EFFE88C, 0xBEB85870,
    0xBF2A57AF, 0xBF999BE2, 0x3F259469, 0x3E6D48E9, 0xBF0194EF,
    0x3F3CA2C0, 0x40584820, 0x40031BB6, 0x40947F1C, 0xC03451AE,
    0x3F638BE8, 0x3EF92C58, 0x3F854D4D, 0xC0211E75, 0xBF8DBF24,
    0xC0148619, 0x3FDE9111, 0x3EF61CCE, 0x3E4192A4, 0x3FC9453B,
    0xBEB349A4, 0x3E3153D9, 0x3F1B3D51, 0xBD2E991C, 0x3F8AF17F,
]
private let goldenGradBias: [UInt32] = [
    0xBF28115F, 0x3F942B3A, 0xC04606EE, 0x3F97EDE0, 0xBF3D063E,
]

@Test func biasedLinearOutputsAreBitIdenticalToBeforeTheBiasOption() throws {
    var generator = SeededGenerator(seed: 61)
    let layer = Linear(7, 5, generator: &generator)
    let input = randomTensor([3, 7], generator: &generator)
    let gradOutput = randomTensor([3, 5], generator: &generator)
    #expect(layer.forward(input).values.map(\.bitPattern) == goldenOutput)
    #expect(layer.backward(gradOutput: gradOutput).values.map(\.bitPattern) == goldenGradInput)
    #expect(layer.weight.grad.values.map(\.bitPattern) == goldenGradWeight)
    #expect(try #require(layer.bias).grad.values.map(\.bitPattern) == goldenGradBias)
}

/// Without a bias the layer has only a weight, draws only the weight from the generator (the next
/// layer's initialisation is then PyTorch's), and prints as PyTorch does.
@Test func linearWithoutBiasHasOnlyAWeight() {
    var generator = SeededGenerator(seed: 62)
    let layer = Linear(4, 3, bias: false, generator: &generator)
    var reference = SeededGenerator(seed: 62)
    let weightOnly = Linear(4, 3, generator: &reference)
    #expect(layer.bias == nil)
    #expect(layer.parameters.map(\.name) == ["weight"])
    #expect(layer.parameterCount == 12)
    #expect(layer.weight.value.values == weightOnly.weight.value.values)
    var weightDraws = SeededGenerator(seed: 62)
    for _ in 0..<12 { _ = weightDraws.next() }
    #expect(generator.state == weightDraws.state)
    #expect(layer.description == "Linear(in_features=4, out_features=3, bias=False)")
    #expect(weightOnly.description == "Linear(in_features=4, out_features=3, bias=True)")
}

/// Without a bias, y = x Wᵀ exactly: the output buffer's previous contents (a reused tensor holding
/// the last step's y) must not leak in, which accumulating onto it (beta 1) would do.
@Test func linearWithoutBiasOverwritesItsReusedOutput() {
    var generator = SeededGenerator(seed: 63)
    let layer = Linear(3, 2, bias: false, generator: &generator)
    let input = randomTensor([2, 3], generator: &generator)
    let first = layer.forward(input).values
    let second = layer.forward(input).values
    #expect(first == second)
    let w = layer.weight.value
    for row in 0..<2 {
        for column in 0..<2 {
            let expected = (0..<3).reduce(Float(0)) { $0 + input[row * 3 + $1] * w[column * 3 + $1] }
            #expect(abs(second[row * 2 + column] - expected) < 1e-6)
        }
    }
}
