import Datasets
import Engine

/// Full shuffled batches of a data set, one after another across epochs, as training draws them
/// (the last, partial batch of each epoch is skipped so that every step has the same shape).
struct FullBatches {
    private var batches: Batches
    /// The labels of the batch `next()` filled last.
    private(set) var labels: [UInt8] = []
    private var position = 0
    /// The batch `next()` filled last, (batch, 1, 28, 28).
    private(set) var images: Tensor

    init(of data: LabeledExamples, batchSize: Int, seed: UInt64) {
        batches = Batches(of: data, batchSize: batchSize, seed: seed)
        images = Tensor(zeros: [batchSize, 1, data.height, data.width])
    }

    /// Fills `images` with the next batch, shuffling at each epoch's start, and returns it.
    mutating func next() -> Tensor {
        let full = batches.count - 1
        if position % full == 0 { batches.startEpoch() }
        batches.fill(batch: position % full, images: &images, labels: &labels)
        position += 1
        return images
    }
}
