import Datasets
import Engine
import Testing

/// Ten 1 × 2 images; image i has bytes [i, 100 + i] and label i mod 3.
private let tenImages = LabeledExamples(
    name: "ten", height: 1, width: 2, bytes: (0..<10).flatMap { [UInt8($0), UInt8(100 + $0)] },
    labels: (0..<10).map { UInt8($0 % 3) }, classNames: ["a", "b", "c"])

@Suite("Batching")
struct BatchesTests {
    @Test("Epoch orders for a seed are fixed, and match an independent xoshiro256** in Python")
    func ordersAreDeterministic() {
        // The expected orders come from a Python port of SeededGenerator (SplitMix64 seeding,
        // xoshiro256**, Lemire's bounded integers, Fisher–Yates from the end), seed 42.
        var batches = Batches(of: tenImages, batchSize: 4, seed: 42)
        var orders: [[Int]] = []
        for _ in 0..<3 {
            batches.startEpoch()
            orders.append(batches.order)
        }
        #expect(
            orders == [
                [9, 1, 4, 2, 8, 7, 6, 5, 3, 0],
                [0, 7, 8, 4, 3, 1, 9, 2, 6, 5],
                [5, 9, 4, 8, 3, 2, 1, 0, 6, 7],
            ])
        #expect(batches.epoch == 3)
    }

    @Test("The same seed gives the same epochs, another seed other ones")
    func seedsDecideTheOrder() {
        var first = Batches(of: tenImages, batchSize: 4, seed: 7)
        var again = Batches(of: tenImages, batchSize: 4, seed: 7)
        var other = Batches(of: tenImages, batchSize: 4, seed: 8)
        for _ in 0..<3 {
            first.startEpoch()
            again.startEpoch()
            other.startEpoch()
            #expect(first.order == again.order)
            #expect(first.order != other.order)
        }
    }

    @Test("Without shuffling the order is the file order every epoch")
    func keepsFileOrder() {
        var batches = Batches(of: tenImages, batchSize: 4, seed: 42, shuffles: false)
        batches.startEpoch()
        batches.startEpoch()
        #expect(batches.order == Array(0..<10))
    }

    @Test("Batches are filled with the images and labels of the epoch's order, the last one partial")
    func fillsBatches() {
        var batches = Batches(of: tenImages, batchSize: 4, seed: 42)
        batches.startEpoch()  // order [9, 1, 4, 2, 8, 7, 6, 5, 3, 0]
        var images = Tensor(zeros: [4, 1, 1, 2])
        var labels: [UInt8] = []
        #expect(batches.count == 3)

        batches.fill(batch: 0, images: &images, labels: &labels)
        #expect(images.shape == [4, 1, 1, 2])
        #expect(images.values == [9, 109, 1, 101, 4, 104, 2, 102].map { Float($0) / 255 })
        #expect(labels == [0, 1, 1, 2])

        let storage = images
        batches.fill(batch: 2, images: &images, labels: &labels)
        #expect(images === storage)
        #expect(images.shape == [2, 1, 1, 2])
        #expect(images.values == [3, 103, 0, 100].map { Float($0) / 255 })
        #expect(labels == [0, 0])

        batches.fill(batch: 1, images: &images, labels: &labels)
        #expect(images === storage)
        #expect(images.values == [8, 108, 7, 107, 6, 106, 5, 105].map { Float($0) / 255 })
        #expect(labels == [2, 1, 0, 2])
    }

    @Test("Every image appears exactly once per epoch, and epochs differ")
    func coversEveryImageOnce() throws {
        let train = try RealMNIST.train.get()
        var batches = Batches(of: train, batchSize: 128, seed: 1)
        var previous: [Int] = []
        for _ in 0..<2 {
            batches.startEpoch()
            var seen = [Int](repeating: 0, count: train.count)
            let order = batches.order
            for batch in 0..<batches.count {
                for position in batches.positions(ofBatch: batch) {
                    seen[order[position]] += 1
                }
            }
            #expect(seen == Array(repeating: 1, count: 60_000))
            #expect(batches.order != previous)
            previous = batches.order
        }
    }

    @Test("60,000 images in batches of 128 are 468 full batches and a last one of 96")
    func keepsTheLastPartialBatch() throws {
        let train = try RealMNIST.train.get()
        var batches = Batches(of: train, batchSize: 128, seed: 1)
        batches.startEpoch()
        var images = Tensor(zeros: [128, 1, 28, 28])
        var labels: [UInt8] = []
        #expect(batches.count == 469)
        #expect(batches.positions(ofBatch: 467) == 59_776..<59_904)
        #expect(batches.positions(ofBatch: 468) == 59_904..<60_000)

        batches.fill(batch: 468, images: &images, labels: &labels)
        #expect(images.shape == [96, 1, 28, 28])
        #expect(labels.count == 96)
        let first = batches.order[59_904]
        #expect(labels[0] == train.labels[first])
        #expect(Array(images.buffer.prefix(784)) == train.values(ofExamples: first..<(first + 1)))
    }
}
