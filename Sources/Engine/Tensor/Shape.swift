/// The extent of each axis of a tensor, outermost first: `(N, C, H, W)` for a batch of images.
///
/// The sizes are stored inline, not in an array, so making a shape allocates nothing: layers
/// build their output shapes on every step, and a training step must not touch the heap.
public struct Shape: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The most axes a shape can have.
    public static let maximumRank = 6

    private var sizes: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
    /// The number of axes.
    public let rank: Int
    /// The number of elements: the product of the dimensions (1 for a scalar).
    public let count: Int

    /// Creates a shape from its dimensions; each must be zero or more, and at most `maximumRank` of them.
    public init(_ dimensions: [Int]) {
        precondition(dimensions.count <= Self.maximumRank, "rank \(dimensions.count) is above \(Self.maximumRank)")
        precondition(dimensions.allSatisfy { $0 >= 0 }, "negative dimension in \(dimensions)")
        rank = dimensions.count
        var product = 1
        withUnsafeMutableBytes(of: &sizes) { raw in
            for (axis, size) in dimensions.enumerated() {
                raw.storeBytes(of: size, toByteOffset: axis * MemoryLayout<Int>.stride, as: Int.self)
                product *= size
            }
        }
        count = product
    }

    /// Creates a shape from an array literal: `[128, 1, 28, 28]`.
    public init(arrayLiteral dimensions: Int...) {
        self.init(dimensions)
    }

    /// A rank-2 shape `(rows, columns)`, without allocating (for hot paths).
    public init(_ rows: Int, _ columns: Int) {
        self.init(sizes: (rows, columns, 0, 0, 0, 0), rank: 2, count: rows * columns)
    }

    /// A rank-4 shape `(N, C, H, W)`, without allocating (for hot paths).
    public init(_ n: Int, _ c: Int, _ h: Int, _ w: Int) {
        self.init(sizes: (n, c, h, w, 0, 0), rank: 4, count: n * c * h * w)
    }

    /// `batch` items of shape `item`: (batch, item…), without allocating.
    public init(batch: Int, item: Shape) {
        precondition(item.rank < Self.maximumRank, "an item of rank \(item.rank) leaves no room for the batch")
        var sizes: (Int, Int, Int, Int, Int, Int) = (batch, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &sizes) { raw in
            for axis in 0..<item.rank {
                raw.storeBytes(of: item[axis], toByteOffset: (axis + 1) * MemoryLayout<Int>.stride, as: Int.self)
            }
        }
        self.init(sizes: sizes, rank: item.rank + 1, count: batch * item.count)
    }

    private init(sizes: (Int, Int, Int, Int, Int, Int), rank: Int, count: Int) {
        precondition(sizes.0 >= 0 && sizes.1 >= 0 && sizes.2 >= 0 && sizes.3 >= 0, "negative dimension")
        self.sizes = sizes
        self.rank = rank
        self.count = count
    }

    /// The size of axis `axis`.
    public subscript(axis: Int) -> Int {
        precondition(axis >= 0 && axis < rank, "axis \(axis) of a rank-\(rank) shape")
        return withUnsafeBytes(of: sizes) { $0.load(fromByteOffset: axis * MemoryLayout<Int>.stride, as: Int.self) }
    }

    /// The sizes as an array (allocates; for reports and tests, not hot loops).
    public var dimensions: [Int] { (0..<rank).map { self[$0] } }

    /// The number of elements in one item of the batch: the product of every axis but the first.
    public var itemCount: Int {
        var product = 1
        for axis in 1..<max(rank, 1) { product *= self[axis] }
        return product
    }

    /// Two shapes are equal when their ranks and sizes are.
    public static func == (lhs: Shape, rhs: Shape) -> Bool {
        guard lhs.rank == rhs.rank else { return false }
        for axis in 0..<lhs.rank where lhs[axis] != rhs[axis] { return false }
        return true
    }

    /// Hashes the rank and the sizes.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rank)
        for axis in 0..<rank { hasher.combine(self[axis]) }
    }

    /// The shape written as PyTorch prints it: `(128, 1, 28, 28)`.
    public var description: String {
        "(" + dimensions.map(String.init).joined(separator: ", ") + ")"
    }
}
