/// The extent of each axis of a tensor, outermost first: `(N, C, H, W)` for a batch of images.
public struct Shape: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The size of each axis, outermost first.
    public let dimensions: [Int]
    /// The number of elements: the product of the dimensions (1 for a scalar).
    public let count: Int

    /// Creates a shape from its dimensions; each must be zero or more.
    public init(_ dimensions: [Int]) {
        precondition(dimensions.allSatisfy { $0 >= 0 }, "negative dimension in \(dimensions)")
        self.dimensions = dimensions
        self.count = dimensions.reduce(1, *)
    }

    /// Creates a shape from an array literal: `[128, 1, 28, 28]`.
    public init(arrayLiteral dimensions: Int...) {
        self.init(dimensions)
    }

    /// The number of axes.
    public var rank: Int { dimensions.count }

    /// The size of axis `axis`.
    public subscript(axis: Int) -> Int { dimensions[axis] }

    /// The number of elements in one item of the batch: the product of every axis but the first.
    public var itemCount: Int { dimensions.isEmpty ? 1 : dimensions.dropFirst().reduce(1, *) }

    /// The shape written as PyTorch prints it: `(128, 1, 28, 28)`.
    public var description: String {
        "(" + dimensions.map(String.init).joined(separator: ", ") + ")"
    }
}
