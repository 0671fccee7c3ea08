/// The sample layout of a bitmap: 8 bits per channel, channels interleaved per pixel.
public enum PixelFormat: Sendable, Equatable {
    /// One luminance byte per pixel.
    case gray
    /// Red, green, blue bytes per pixel.
    case rgb
    /// Red, green, blue, alpha bytes per pixel (straight, not premultiplied, alpha).
    case rgba

    /// Bytes per pixel.
    public var channels: Int {
        switch self {
        case .gray: 1
        case .rgb: 3
        case .rgba: 4
        }
    }
}

/// An 8-bit image in memory: rows top to bottom, pixels left to right, channels interleaved.
///
/// The byte at `(y * width + x) * format.channels + channel` is one sample; this is the
/// layout libpng's simplified API reads and writes with a row stride of zero.
public struct Bitmap: Sendable, Equatable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Sample layout.
    public let format: PixelFormat
    /// `height × width × format.channels` samples.
    public let pixels: [UInt8]

    /// Wraps `pixels`, checking that they fill exactly `width × height` pixels of `format`.
    public init(width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) throws(FigureError) {
        guard width >= 1, height >= 1 else { throw .invalidImageSize(width: width, height: height) }
        let expected = width * height * format.channels
        guard pixels.count == expected else { throw .pixelCountMismatch(expected: expected, actual: pixels.count) }
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }
}

extension Bitmap {
    /// Wraps pixels whose count the caller has computed from `width`, `height` and `format`.
    init(validatedWidth width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) {
        assert(width >= 1 && height >= 1 && pixels.count == width * height * format.channels)
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }
}
