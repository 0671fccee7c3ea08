/// A dense Float32 array with a shape, stored contiguously in row-major order (NCHW for images).
///
/// A tensor is a reference: layers keep their outputs and gradients as tensors and refill
/// them every step, so the training loop allocates nothing once warmed up. `data` is a raw
/// pointer on purpose; kernels loop over it directly, as llm.c does.
public final class Tensor {
    /// The storage shared by a tensor and the views made of it with `reshaped(_:)`.
    final class Storage {
        let pointer: UnsafeMutablePointer<Float>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            pointer = .allocate(capacity: max(capacity, 1))
            pointer.initialize(repeating: 0, count: max(capacity, 1))
        }

        deinit { pointer.deallocate() }
    }

    let storage: Storage
    /// Where this tensor's elements start in `storage` (non-zero for a batch view).
    let offset: Int
    /// The extent of each axis.
    public private(set) var shape: Shape
    /// The first element; `shape.count` elements follow contiguously.
    public var data: UnsafeMutablePointer<Float> { storage.pointer + offset }
    /// The number of elements.
    public var count: Int { shape.count }

    /// Creates a tensor of zeros.
    public init(zeros shape: Shape) {
        self.shape = shape
        storage = Storage(capacity: shape.count)
        offset = 0
    }

    /// Creates a tensor holding `values` in row-major order; `values.count` must equal `shape.count`.
    public init(shape: Shape, values: [Float]) {
        precondition(values.count == shape.count, "\(values.count) values for shape \(shape)")
        self.shape = shape
        storage = Storage(capacity: shape.count)
        offset = 0
        values.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            storage.pointer.update(from: base, count: source.count)
        }
    }

    private init(storage: Storage, offset: Int, shape: Shape) {
        self.storage = storage
        self.offset = offset
        self.shape = shape
    }

    /// The elements as a buffer, for loops and for `Array(tensor.buffer)`.
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: data, count: shape.count)
    }

    /// The elements copied into an array (for tests and reports, not for hot loops).
    public var values: [Float] { Array(buffer) }

    /// A view of the same elements with another shape of the same count; writes go to both.
    public func reshaped(_ newShape: Shape) -> Tensor {
        precondition(newShape.count == shape.count, "cannot view \(shape) as \(newShape)")
        return Tensor(storage: storage, offset: offset, shape: newShape)
    }

    /// A view of items `range` along the first axis, sharing their elements: a batch without copying.
    public func items(_ range: Range<Int>) -> Tensor {
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[0], "items \(range) of \(shape)")
        let itemCount = shape.itemCount
        var dimensions = shape.dimensions
        dimensions[0] = range.count
        return Tensor(storage: storage, offset: offset + range.lowerBound * itemCount, shape: Shape(dimensions))
    }

    /// Returns `existing` re-shaped to `shape` when its storage is large enough, otherwise a new
    /// tensor of zeros. Layers call this for their outputs so that steady-state steps reuse memory.
    public static func reusing(_ existing: Tensor?, shape: Shape) -> Tensor {
        if let existing, existing.storage.capacity - existing.offset >= shape.count {
            existing.shape = shape
            return existing
        }
        return Tensor(zeros: shape)
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) {
        data.update(repeating: value, count: count)
    }

    /// Copies the elements of `source`, which must have the same count.
    public func copy(from source: Tensor) {
        precondition(source.count == count, "copying \(source.shape) into \(shape)")
        data.update(from: source.data, count: count)
    }

    /// A new tensor with the same shape and a copy of the elements.
    public func copy() -> Tensor {
        let result = Tensor(zeros: shape)
        result.copy(from: self)
        return result
    }

    /// The element at a flat row-major index.
    public subscript(index: Int) -> Float {
        get { data[index] }
        set { data[index] = newValue }
    }
}
