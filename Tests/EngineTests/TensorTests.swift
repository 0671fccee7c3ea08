import Engine
import Testing

@Test func reusingKeepsStorageWhenItIsLargeEnough() {
    let first = Tensor.reusing(nil, shape: [4, 3])
    let smaller = Tensor.reusing(first, shape: [2, 3])
    let larger = Tensor.reusing(smaller, shape: [5, 3])
    #expect(smaller === first)
    #expect(smaller.shape == [2, 3])
    #expect(larger !== first)
    #expect(larger.shape == [5, 3])
}

@Test func aReshapedViewSharesItsElements() {
    let tensor = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
    let view = tensor.reshaped([3, 2])
    view[5] = 60
    #expect(tensor.values == [1, 2, 3, 4, 5, 60])
    #expect(view.shape.description == "(3, 2)")
}

@Test func shapesCountTheirElements() {
    #expect(Shape([128, 1, 28, 28]).count == 100_352)
    #expect(Shape([128, 1, 28, 28]).itemCount == 784)
    #expect(Shape([]).count == 1)
}

@Test func evaluatingInBatchViewsEqualsEvaluatingEachImageAlone() {
    var generator = SeededGenerator(seed: 8)
    let model = VariationalAutoencoder.mlp(imageShape: [1, 4, 4], hidden: [5], latent: 2, generator: &generator)
    let images = Tensor(zeros: [5, 1, 4, 4])
    for i in 0..<images.count { images[i] = generator.nextUniform() }
    let batched = model.evaluate(images: images, batch: 2)
    var separately = 0.0
    for index in 0..<5 {
        let single = Tensor(shape: [1, 1, 4, 4], values: Array(images.values[index * 16..<(index + 1) * 16]))
        separately += model.evaluate(images: single).loss.reconstruction
    }
    #expect(abs(batched.loss.reconstruction - separately) < 1e-3 * separately)
    #expect(batched.loss.images == 5)
}

/// Element-wise passes over large tensors are split across cores; the result must be the one
/// the plain loop gives, element for element.
@Test func largeActivationsGiveTheSameElementsAsTheSerialLoop() {
    var generator = SeededGenerator(seed: 12)
    let input = Tensor(zeros: [300, 1000])
    for i in 0..<input.count { input[i] = generator.nextGaussian() }
    let layer = Activation(GELU())
    let output = layer.forward(input).values
    let serial = Tensor(zeros: [300, 1000])
    GELU().forward(input.data, serial.data, count: input.count)
    #expect(output == serial.values)
    let gradient = layer.backward(gradOutput: input).values
    let serialGradient = Tensor(zeros: [300, 1000])
    GELU().backward(
        input: input.data, output: serial.data, gradOutput: input.data, gradInput: serialGradient.data,
        count: input.count)
    #expect(gradient == serialGradient.values)
}
