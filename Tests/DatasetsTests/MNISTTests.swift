import Datasets
import Testing

@Suite("Loading MNIST-format data sets")
struct MNISTTests {
    @Test("The MNIST training split has 60,000 images of 28 × 28 and the known label counts")
    func loadsTheTrainingSplit() throws {
        let train = try RealMNIST.train.get()
        #expect(train.name == "MNIST train")
        #expect([train.count, train.height, train.width] == [60_000, 28, 28])
        #expect(train.bytes.count == 60_000 * 784)
        #expect(train.labelCounts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        #expect(Array(train.labels.prefix(5)) == [5, 0, 4, 1, 9])
    }

    @Test("The MNIST test split has 10,000 images of 28 × 28 and the known label counts")
    func loadsTheTestSplit() throws {
        let test = try RealMNIST.test.get()
        #expect(test.name == "MNIST test")
        #expect([test.count, test.height, test.width] == [10_000, 28, 28])
        #expect(test.labelCounts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        #expect(Array(test.labels.prefix(5)) == [7, 2, 1, 0, 4])
    }

    @Test("Pixels are the bytes divided by 255, spanning exactly [0, 1]")
    func scalesPixels() throws {
        let train = try RealMNIST.train.get()
        // The range is checked on the test split, which goes through the same conversion: a loop
        // over the 47 million training pixels takes over a second in the unoptimised test build.
        let (lowest, highest) = try RealMNIST.test.get().values(ofExamples: 0..<10_000).withUnsafeBufferPointer {
            pixels in
            var (lowest, highest) = (Float.infinity, -Float.infinity)
            for pixel in pixels {
                lowest = Swift.min(lowest, pixel)
                highest = Swift.max(highest, pixel)
            }
            return (lowest, highest)
        }
        #expect(lowest == 0)
        #expect(highest == 1)
        // The first image's bytes sum to 27,525 (Python: sum(gzip.open(f).read()[16:800])).
        let firstSum = train.bytes.prefix(784).reduce(0) { $0 + Int($1) }
        #expect(firstSum == 27_525)
        #expect(train.values(ofExamples: 0..<1)[152] == Float(3) / 255)
    }

    @Test("A limit keeps the first images and labels")
    func keepsTheFirstImages() throws {
        let test = try RealMNIST.test.get()
        let first = try LabeledExamples.load(
            .mnist, split: .test, limit: 3, locator: DataLocator(directory: RealMNIST.directory))
        #expect(first.count == 3)
        #expect(first.labels == [7, 2, 1])
        #expect(first.bytes == Array(test.bytes.prefix(3 * 784)))
    }

    @Test("A limit below one is rejected with a message")
    func rejectsAZeroLimit() throws {
        #expect(throws: DatasetError.invalidLimit(0)) {
            try LabeledExamples.load(
                .mnist, split: .test, limit: 0, locator: DataLocator(directory: RealMNIST.directory))
        }
        #expect(
            DatasetError.invalidLimit(0).description
                == "limit 0 is not allowed: give at least 1, or no limit to load every item")
    }

    @Test("Images and labels files of different lengths are rejected, naming both")
    func rejectsMismatchedFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let images = try folder.write(idxBytes(magic: 0x803, dimensions: [2, 1, 1], payload: [0, 255]), to: "images")
        let labels = try folder.write(idxBytes(magic: 0x801, dimensions: [3], payload: [0, 1, 2]), to: "labels")
        #expect(
            throws: DatasetError.itemCountMismatch(imagesPath: images, imageCount: 2, labelsPath: labels, labelCount: 3)
        ) { try LabeledExamples.load(imagesPath: images, labelsPath: labels, name: "x", classNames: ["a", "b", "c"]) }
    }

    @Test("A label beyond the classes is rejected with its position")
    func rejectsUnknownLabels() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let images = try folder.write(idxBytes(magic: 0x803, dimensions: [2, 1, 1], payload: [0, 255]), to: "images")
        let labels = try folder.write(idxBytes(magic: 0x801, dimensions: [2], payload: [1, 10]), to: "labels")
        #expect(throws: DatasetError.labelOutOfRange(path: labels, index: 1, label: 10, classCount: 10)) {
            try LabeledExamples.load(
                imagesPath: images, labelsPath: labels, name: "x", classNames: DatasetName.mnist.classNames)
        }
    }

    @Test("An images file whose header claims more images than it holds is rejected")
    func rejectsAShortImagesFile() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let images = try folder.write(
            idxBytes(magic: 0x803, dimensions: [3, 2, 2], payload: [1, 2, 3, 4]), to: "images")
        let labels = try folder.write(idxBytes(magic: 0x801, dimensions: [3], payload: [0, 1, 2]), to: "labels")
        #expect(
            throws: DatasetError.payloadLengthMismatch(
                path: images, dimensions: [3, 2, 2], expectedBytes: 12, actualBytes: 4)
        ) {
            try LabeledExamples.load(imagesPath: images, labelsPath: labels, name: "x", classNames: ["a", "b", "c"])
        }
    }

    @Test("An images file of no images is an error, not a NaN history")
    func rejectsAnEmptyDataSet() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let images = try folder.write(idxBytes(magic: 0x803, dimensions: [0, 28, 28], payload: []), to: "images")
        let labels = try folder.write(idxBytes(magic: 0x801, dimensions: [0], payload: []), to: "labels")
        #expect(throws: DatasetError.noImages(path: images)) {
            try LabeledExamples.load(imagesPath: images, labelsPath: labels, name: "x", classNames: ["a"])
        }
        #expect(
            DatasetError.noImages(path: "d/i").description
                == "d/i: the file holds 0 images; a data set needs at least one: re-copy it from its source "
                + "(MNIST ships with nb in Data/mnist; Fashion-MNIST comes from "
                + "`sudo apt-get install --reinstall dataset-fashion-mnist`)")
    }

    @Test("Images of no pixels are an error")
    func rejectsImagesWithoutPixels() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let images = try folder.write(idxBytes(magic: 0x803, dimensions: [2, 0, 5], payload: []), to: "images")
        let labels = try folder.write(idxBytes(magic: 0x801, dimensions: [2], payload: [0, 0]), to: "labels")
        #expect(throws: DatasetError.emptyImages(path: images, height: 0, width: 5)) {
            try LabeledExamples.load(imagesPath: images, labelsPath: labels, name: "x", classNames: ["a"])
        }
        #expect(
            DatasetError.emptyImages(path: "d/i", height: 0, width: 5).description.hasPrefix(
                "d/i: the images are 0×5 pixels, so they hold no pixels; re-copy it"))
    }

    @Test("Fashion-MNIST loads 60,000 and 10,000 images from the system package")
    func loadsFashionMNIST() throws {
        let locator = DataLocator(environment: [:], executablePath: nil)
        let train = try LabeledExamples.load(.fashionMNIST, split: .train, locator: locator)
        let test = try LabeledExamples.load(.fashionMNIST, split: .test, locator: locator)
        #expect([train.count, train.height, train.width] == [60_000, 28, 28])
        #expect([test.count, test.height, test.width] == [10_000, 28, 28])
        #expect(train.labelCounts == Array(repeating: 6000, count: 10))
        #expect(test.labelCounts == Array(repeating: 1000, count: 10))
        #expect(train.name == "Fashion-MNIST train")
        #expect(train.classNames[9] == "Ankle boot")
    }
}

extension LabeledExamples {
    /// The stored bytes, or none when the values are floats.
    fileprivate var bytes: [UInt8] {
        guard case .bytes(let bytes) = values else { return [] }
        return bytes
    }
}
