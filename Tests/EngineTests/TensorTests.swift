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
