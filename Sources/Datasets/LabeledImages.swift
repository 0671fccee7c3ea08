/// A set of same-sized grey images with a class label each, as loaded from MNIST or Fashion-MNIST.
///
/// The pixels of all images are one contiguous array of bytes, image after image, row-major, as
/// the files store them: a quarter of the memory of Float32 (47 MB rather than 188 MB for MNIST's
/// training set). They become Float32 in [0, 1] as `byte / 255` (PyTorch's `ToTensor`) when copied
/// into a batch. It is a value: copies share the arrays until one is changed.
public struct LabeledImages: Sendable {
    /// What the images are, for reports: `"MNIST train"`.
    public let name: String
    /// The number of images.
    public let count: Int
    /// The number of rows of each image.
    public let height: Int
    /// The number of columns of each image.
    public let width: Int
    /// The pixels as bytes, `count × height × width` of them, image after image: 0 is black, 255 white.
    public let bytes: [UInt8]
    /// The class index of each image, `count` of them, each below `classNames.count`.
    public let labels: [UInt8]
    /// The name of each class, by index: `"0"` … `"9"` for MNIST.
    public let classNames: [String]

    /// Creates a set from its parts; the counts must agree (as the loaders guarantee).
    public init(name: String, height: Int, width: Int, bytes: [UInt8], labels: [UInt8], classNames: [String]) {
        precondition(bytes.count == labels.count * height * width, "\(bytes.count) pixels for \(labels.count) images")
        precondition(labels.allSatisfy { Int($0) < classNames.count }, "a label is not below \(classNames.count)")
        self.name = name
        self.count = labels.count
        self.height = height
        self.width = width
        self.bytes = bytes
        self.labels = labels
        self.classNames = classNames
    }

    /// The number of pixels in one image: `height × width`.
    public var pixelsPerImage: Int { height * width }

    /// Writes image `index`'s pixels as `byte / 255` into `destination` (`pixelsPerImage` floats).
    public func copyPixels(ofImage index: Int, to destination: UnsafeMutablePointer<Float>) {
        let size = pixelsPerImage
        bytes.withUnsafeBufferPointer { source in
            for i in 0..<size { destination[i] = Float(source[index * size + i]) / 255 }
        }
    }

    /// The pixels of images `range` as Float32 in [0, 1], image after image.
    public func pixels(ofImages range: Range<Int>) -> [Float] {
        let size = pixelsPerImage
        return [Float](unsafeUninitializedCapacity: range.count * size) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for (slot, image) in range.enumerated() { copyPixels(ofImage: image, to: base + slot * size) }
            initialized = range.count * size
        }
    }

    /// How many images have each label, by class index.
    public var labelCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels {
            counts[Int(label)] += 1
        }
        return counts
    }
}
