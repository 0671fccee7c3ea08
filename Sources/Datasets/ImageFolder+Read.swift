/// Every image of an image folder decoded, with its label: what a data set is built from.
public struct ImageFolderImages: Sendable {
    /// The shape of every image.
    public let shape: ImageShape
    /// The pixels, `labels.count × channels × height × width` bytes: per image each channel's
    /// plane in turn (red, green, blue), each row-major, as PyTorch's `ToTensor` lays them out.
    public let bytes: [UInt8]
    /// The class index of each image, each below `classNames.count`.
    public let labels: [UInt8]
    /// The class names, by index.
    public let classNames: [String]

    /// The number of images.
    public var count: Int { labels.count }
}

extension ImageFolder {
    /// Decodes every image, in the listing's order.
    ///
    /// The channels are the first image's; other images are converted to them (see
    /// `ImageDecoder.planes`). Without `size` every image must have the first one's size; with
    /// it every image is resized to it as Pillow's bilinear `resize` does. The total is checked
    /// against `memoryBudget` before anything is decoded, and each image's size against
    /// `maximumPixels` from its header before it is decoded.
    public func read(
        size: ImageSize? = nil, memoryBudget: Int = IDXReader.defaultMemoryBudget,
        maximumPixels: Int = ImageDecoder.maximumPixels
    ) throws -> ImageFolderImages {
        try size?.validate()
        let first = try firstHeader(memoryBudget: memoryBudget, maximumPixels: maximumPixels)
        let shape = ImageShape(
            channels: first.channels, height: size?.height ?? first.height, width: size?.width ?? first.width)
        let imageBytes = shape.byteCount ?? Int.max
        let (total, overflow) = imageBytes.multipliedReportingOverflow(by: files.count)
        guard !overflow, total <= memoryBudget else {
            throw DatasetError.imagesOverBudget(
                path: path, count: files.count, shape: shape.dimensions, expectedBytes: overflow ? Int.max : total,
                budgetBytes: memoryBudget)
        }
        var reader = ImageReader(shape: shape, resizes: size != nil, maximumPixels: maximumPixels, first: files[0])
        let bytes = try [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            // Every byte is written, or an error is thrown and the array dropped unread.
            initialized = total
            guard let base = buffer.baseAddress else { return }
            for (index, file) in files.enumerated() {
                try reader.read(
                    try Self.contents(of: file, memoryBudget: memoryBudget), path: file, into: base + index * imageBytes
                )
            }
        }
        return ImageFolderImages(shape: shape, bytes: bytes, labels: labels, classNames: classNames)
    }
}

/// Decodes one image after another into planes of one shape, resizing when asked, and keeps the
/// resize weights of the last source size (a folder's images usually share one).
private struct ImageReader {
    let shape: ImageShape
    let resizes: Bool
    let maximumPixels: Int
    /// The first image's path, named when another's size differs from it.
    let first: String
    private var resize: BilinearResize?

    init(shape: ImageShape, resizes: Bool, maximumPixels: Int, first: String) {
        self.shape = shape
        self.resizes = resizes
        self.maximumPixels = maximumPixels
        self.first = first
    }

    /// Decodes the image file `bytes`, read from `path`, into `shape.byteCount` bytes at `out`.
    mutating func read(_ bytes: [UInt8], path: String, into out: UnsafeMutablePointer<UInt8>) throws {
        let header = try ImageDecoder.header(bytes, path: path)
        let same = header.height == shape.height && header.width == shape.width
        guard same || resizes else {
            throw DatasetError.imageSizeMismatch(
                path: path, height: header.height, width: header.width, firstPath: first, firstHeight: shape.height,
                firstWidth: shape.width)
        }
        let image = try ImageDecoder.decode(bytes, header: header, path: path, maximumPixels: maximumPixels)
        guard !same else { return image.writePlanes(channels: shape.channels, to: out) }
        let source = (height: header.height, width: header.width)
        if resize.map({ $0.from != source }) ?? true {
            resize = BilinearResize(from: source, to: (shape.height, shape.width))
        }
        guard let resize else { return }
        let area = header.height * header.width
        var planes = [UInt8](repeating: 0, count: shape.channels * area)
        planes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            image.writePlanes(channels: shape.channels, to: base)
            for channel in 0..<shape.channels {
                resize.resize(base + channel * area, into: out + channel * shape.height * shape.width)
            }
        }
    }
}
