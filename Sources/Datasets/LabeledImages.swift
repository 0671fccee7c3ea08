/// A set of same-sized grey images with a class label each, as loaded from MNIST or Fashion-MNIST.
///
/// The pixels of all images are one contiguous array, image after image, row-major, scaled to
/// [0, 1] as `byte / 255` (PyTorch's `ToTensor`), so a batch is filled with one copy per image.
/// It is a value: copies share the arrays until one is changed.
public struct LabeledImages: Sendable {
    /// What the images are, for reports: `"MNIST train"`.
    public let name: String
    /// The number of images.
    public let count: Int
    /// The number of rows of each image.
    public let height: Int
    /// The number of columns of each image.
    public let width: Int
    /// The pixels, `count × height × width` of them, image after image, each in [0, 1].
    public let pixels: [Float]
    /// The class index of each image, `count` of them, each below `classNames.count`.
    public let labels: [UInt8]
    /// The name of each class, by index: `"0"` … `"9"` for MNIST.
    public let classNames: [String]

    /// Creates a set from its parts; the counts must agree (as the loaders guarantee).
    public init(name: String, height: Int, width: Int, pixels: [Float], labels: [UInt8], classNames: [String]) {
        precondition(pixels.count == labels.count * height * width, "\(pixels.count) pixels for \(labels.count) images")
        precondition(labels.allSatisfy { Int($0) < classNames.count }, "a label is not below \(classNames.count)")
        self.name = name
        self.count = labels.count
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
        self.classNames = classNames
    }

    /// The number of pixels in one image: `height × width`.
    public var pixelsPerImage: Int { height * width }

    /// How many images have each label, by class index.
    public var labelCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels {
            counts[Int(label)] += 1
        }
        return counts
    }
}
