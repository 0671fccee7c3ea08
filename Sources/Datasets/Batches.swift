import Engine

/// Mini-batches of a `LabeledExamples`, in a fresh seeded order each epoch (PyTorch's
/// `DataLoader(shuffle=True, drop_last=False)`).
///
/// The caller owns the batch buffers and passes them to `fill`, which copies one image at a
/// time into them: nothing is allocated per batch once the buffers have grown to a full batch.
/// The order of every epoch follows from the seed alone, on every machine.
///
/// ```swift
/// var batches = Batches(of: train, batchSize: 128, seed: 1)
/// var images = Tensor(zeros: [128, 1, 28, 28])
/// var labels: [UInt8] = []
/// for _ in 0..<epochs {
///     batches.startEpoch()
///     for batch in 0..<batches.count {
///         batches.fill(batch: batch, images: &images, labels: &labels)
///         // images (n, 1, 28, 28), labels (n): n = 128, or 96 for MNIST's last batch
///     }
/// }
/// ```
public struct Batches: Sendable {
    /// The images being batched.
    public let dataset: LabeledExamples
    /// One example's shape, kept so a batch's shape is made without allocating.
    private let exampleShape: Shape
    /// The number of images in a full batch; the last batch of an epoch may hold fewer.
    public let batchSize: Int
    /// Whether each epoch visits the images in a fresh random order (else in file order).
    public let shuffles: Bool
    /// The number of epochs started so far.
    public private(set) var epoch = 0
    /// The current epoch's order: position `i` of the epoch is image `order[i]`.
    public private(set) var order: [Int]
    private var generator: SeededGenerator

    /// Creates batches of `batchSize` (at least 1) images of `dataset`.
    ///
    /// Each epoch is shuffled by a generator seeded with `seed`, unless `shuffles` is false.
    /// Call `startEpoch()` before the first batch.
    public init(of dataset: LabeledExamples, batchSize: Int, seed: UInt64, shuffles: Bool = true) {
        precondition(batchSize >= 1, "batch size \(batchSize) must be at least 1")
        self.dataset = dataset
        self.exampleShape = Shape(dataset.shape)
        self.batchSize = batchSize
        self.shuffles = shuffles
        self.order = Array(0..<dataset.count)
        self.generator = SeededGenerator(seed: seed)
    }

    /// What continuing the epochs later needs: the epochs started and the shuffling generator.
    public struct State: Hashable, Sendable, Codable {
        /// Epochs started so far.
        public var epoch: Int
        /// The shuffling generator's state.
        public var generator: SeededGenerator.State
    }

    /// The current state, between epochs.
    public var state: State {
        State(epoch: epoch, generator: generator.state)
    }

    /// Continues from `state`, saved by a run with the same data set, batch size and seed: the
    /// next `startEpoch()` shuffles as that run's next epoch did. False when the state is unusable.
    public mutating func restore(_ state: State) -> Bool {
        guard let restored = SeededGenerator(state: state.generator), state.epoch >= 0 else { return false }
        generator = restored
        epoch = state.epoch
        return true
    }

    /// The number of batches in an epoch, the last one partial when `batchSize` does not divide
    /// the count: 469 batches of 128 for 60,000 images, the last of 96.
    public var count: Int { (dataset.count + batchSize - 1) / batchSize }

    /// Begins the next epoch: a new random permutation of the images (PyTorch's `randperm`),
    /// drawn from the generator's stream so epoch `k` depends only on the seed and `k`.
    public mutating func startEpoch() {
        epoch += 1
        guard shuffles else { return }
        for index in order.indices {
            order[index] = index
        }
        generator.shuffle(&order)
    }

    /// The positions in the epoch's order covered by batch `batch`.
    public func positions(ofBatch batch: Int) -> Range<Int> {
        precondition((0..<count).contains(batch), "batch \(batch) is not in 0..<\(count)")
        return (batch * batchSize)..<min((batch + 1) * batchSize, dataset.count)
    }

    /// Copies batch `batch` of the current epoch into the caller's buffers: `images` becomes
    /// (n, C, H, W) for images or (n, F) for a table's rows, reusing its storage when large
    /// enough, and `labels` holds the n labels, keeping its capacity.
    public func fill(batch: Int, images: inout Tensor, labels: inout [UInt8]) {
        let positions = positions(ofBatch: batch)
        let valuesPerExample = dataset.valuesPerExample
        // images (n, C, H, W) ← values (count, C, H, W), one example at a time
        images = Tensor.reusing(images, shape: Shape(batch: positions.count, item: exampleShape))
        labels.removeAll(keepingCapacity: true)
        let destination = images.data
        for (slot, position) in positions.enumerated() {
            let example = order[position]
            dataset.copyValues(ofExample: example, to: destination + slot * valuesPerExample)
            labels.append(dataset.labels[example])
        }
    }
}
