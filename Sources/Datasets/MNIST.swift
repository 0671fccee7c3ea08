/// The data sets in the MNIST format that nb knows by name.
public enum DatasetName: String, CaseIterable, Sendable {
    /// Handwritten digits (LeCun, Cortes and Burges): 60,000 training and 10,000 test images.
    case mnist
    /// Zalando's clothing images (Xiao, Rasul and Vollgraf), laid out exactly like MNIST.
    case fashionMNIST = "fashion-mnist"

    /// The name as people write it: `"MNIST"`, `"Fashion-MNIST"`.
    public var title: String {
        switch self {
        case .mnist: "MNIST"
        case .fashionMNIST: "Fashion-MNIST"
        }
    }

    /// The folder holding the files under a data root such as the project's `Data/`.
    public var folder: String { rawValue }

    /// Folders where a system package installs the files, searched last.
    public var systemDirectories: [String] {
        switch self {
        case .mnist: []
        case .fashionMNIST: ["/usr/share/datasets/fashion-mnist"]
        }
    }

    /// The name of each class, by label.
    public var classNames: [String] {
        switch self {
        case .mnist:
            (0...9).map(String.init)
        case .fashionMNIST:
            [
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
            ]
        }
    }
}

/// Which part of a data set: the images to train on, or the held-out ones to test on.
public enum Split: String, CaseIterable, Sendable {
    /// The training images (60,000 for MNIST and Fashion-MNIST).
    case train
    /// The test images (10,000 for MNIST and Fashion-MNIST).
    case test

    /// The file name of the images, without `.gz`: `train-images-idx3-ubyte`.
    public var imagesFile: String { "\(filePrefix)-images-idx3-ubyte" }
    /// The file name of the labels, without `.gz`: `train-labels-idx1-ubyte`.
    public var labelsFile: String { "\(filePrefix)-labels-idx1-ubyte" }

    /// The original distribution names the test split `t10k`.
    private var filePrefix: String {
        switch self {
        case .train: "train"
        case .test: "t10k"
        }
    }
}

extension LabeledExamples {
    /// Loads a split of a data set found by `locator`, keeping the first `limit` images if given
    /// (all of them when fewer exist).
    public static func load(
        _ dataset: DatasetName, split: Split, limit: Int? = nil, locator: DataLocator = DataLocator()
    ) throws -> LabeledExamples {
        let files = try locator.locate(dataset, split: split)
        return try load(
            imagesPath: files.images, labelsPath: files.labels, name: "\(dataset.title) \(split.rawValue)",
            classNames: dataset.classNames, limit: limit)
    }

    /// Loads an IDX images file and its labels file (each gzip-compressed or not), keeping the
    /// first `limit` images if given.
    public static func load(
        imagesPath: String, labelsPath: String, name: String, classNames: [String], limit: Int? = nil
    ) throws -> LabeledExamples {
        if let limit, limit < 1 {
            throw DatasetError.invalidLimit(limit)
        }
        let images = try IDXReader.read(path: imagesPath, kind: .images)
        let labels = try IDXReader.read(path: labelsPath, kind: .labels)
        return try LabeledExamples(
            images: images, labels: labels, imagesPath: imagesPath, labelsPath: labelsPath, name: name,
            classNames: classNames, limit: limit)
    }

    /// A data set from a parsed images file and labels file (read from the paths named in errors),
    /// after checking that they agree and that every label is a class.
    public init(
        images: IDXArray, labels: IDXArray, imagesPath: String, labelsPath: String, name: String,
        classNames: [String], limit: Int? = nil
    ) throws {
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw DatasetError.itemCountMismatch(
                imagesPath: imagesPath, imageCount: images.dimensions[0],
                labelsPath: labelsPath, labelCount: labels.dimensions[0])
        }
        let count = min(images.dimensions[0], limit ?? .max)
        let (height, width) = (images.dimensions[1], images.dimensions[2])
        guard count > 0 else { throw DatasetError.noImages(path: imagesPath) }
        guard height > 0, width > 0 else {
            throw DatasetError.emptyImages(path: imagesPath, height: height, width: width)
        }

        let labelValues = labels.withUnsafePayload { Array($0.prefix(count)) }
        if let index = labelValues.firstIndex(where: { Int($0) >= classNames.count }) {
            throw DatasetError.labelOutOfRange(
                path: labelsPath, index: index, label: labelValues[index], classCount: classNames.count)
        }
        let pixelCount = count * height * width
        let bytes = images.withUnsafePayload { Array($0.prefix(pixelCount)) }
        self.init(name: name, height: height, width: width, bytes: bytes, labels: labelValues, classNames: classNames)
    }
}
