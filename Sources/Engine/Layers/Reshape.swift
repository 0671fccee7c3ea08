/// Views each item of a batch with another shape, without copying: PyTorch's `Flatten()`
/// (item shape `[C·H·W]`) and `Unflatten(1, (C, H, W))`.
///
/// - Shapes: input (N, …) → output (N, itemShape…), with the same number of elements per item.
public final class Reshape: StatelessLayer {
    /// The shape of one item of the output.
    public let itemShape: Shape
    /// How PyTorch prints the equivalent module.
    public let description: String
    private var inputShape: Shape?
    private var view: Tensor?
    private var gradView: Tensor?

    /// Flattens every item to one axis: `Flatten(start_dim=1, end_dim=-1)`.
    public static func flatten(features: Int) -> Reshape {
        Reshape(itemShape: Shape([features]), description: "Flatten(start_dim=1, end_dim=-1)")
    }

    /// Unflattens every item: `Unflatten(dim=1, unflattened_size=(64, 7, 7))`.
    public static func unflatten(_ itemShape: [Int]) -> Reshape {
        let sizes = itemShape.map(String.init).joined(separator: ", ")
        return Reshape(itemShape: Shape(itemShape), description: "Unflatten(dim=1, unflattened_size=(\(sizes)))")
    }

    private init(itemShape: Shape, description: String) {
        self.itemShape = itemShape
        self.description = description
    }

    /// (N, …) → (N, itemShape…).
    public func outputShape(for input: Shape) -> Shape { Shape(batch: input[0], item: itemShape) }

    /// The same elements seen with the new shape; the view is cached so steady steps allocate nothing.
    public func forward(_ input: Tensor) -> Tensor {
        let shape = outputShape(for: input.shape)
        precondition(shape.count == input.count, "\(description) got \(input.shape)")
        inputShape = input.shape
        let view = cachedView(self.view, of: input, as: shape)
        self.view = view
        return view
    }

    /// The gradient seen with the input's shape.
    public func backward(gradOutput: Tensor) -> Tensor {
        guard let inputShape else { preconditionFailure("\(description).backward before forward") }
        let gradView = cachedView(self.gradView, of: gradOutput, as: inputShape)
        self.gradView = gradView
        return gradView
    }

    private func cachedView(_ cached: Tensor?, of tensor: Tensor, as shape: Shape) -> Tensor {
        // The same storage is not enough: batch views of one tensor share it at different offsets.
        if let cached, cached.data == tensor.data, cached.shape == shape { return cached }
        return tensor.reshaped(shape)
    }
}
