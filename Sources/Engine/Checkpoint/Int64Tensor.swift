/// An Int64 array with a shape, for the few integer tensors of a state dict (BatchNorm's
/// `num_batches_tracked`); nb computes nothing with them, so they are plain values.
public struct Int64Tensor: Equatable, Sendable {
    /// The extent of each axis; `[]` for a scalar.
    public let shape: Shape
    /// The elements in row-major order, `shape.count` of them.
    public let values: [Int64]

    /// Creates an integer tensor; `values.count` must equal `shape.count`.
    public init(shape: Shape, values: [Int64]) {
        precondition(values.count == shape.count, "\(values.count) values for shape \(shape)")
        self.shape = shape
        self.values = values
    }
}
