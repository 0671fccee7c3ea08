/// PyTorch's default initialisation of `Linear`, `Conv2d` and `ConvTranspose2d`.
///
/// Weights are Kaiming-uniform with a = √5, which works out to U(−1/√fanIn, 1/√fanIn), and
/// biases are U(−1/√fanIn, 1/√fanIn) too. PyTorch computes fanIn from the weight's second axis
/// times the kernel area, so for `ConvTranspose2d` (weight `[in, out, kH, kW]`) it is out·kH·kW.
public enum Initializers {
    /// Fills `tensor` with U(−1/√fanIn, 1/√fanIn) samples from `generator`, in storage order.
    public static func pytorchDefault(_ tensor: Tensor, fanIn: Int, generator: inout SeededGenerator) {
        let bound = 1 / Float(fanIn).squareRoot()
        let data = tensor.data
        for i in 0..<tensor.count {
            data[i] = generator.nextUniform(from: -bound, to: bound)
        }
    }
}
