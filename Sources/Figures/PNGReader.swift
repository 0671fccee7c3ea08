import CPNG

/// Decodes PNG bytes into a bitmap through libpng's simplified API, to read figures back.
public enum PNGReader {
    /// Pixels above which decoding is refused, so a corrupt header cannot request gigabytes.
    public static let maximumPixelCount = 1 << 28

    /// The pixels of `bytes`: gray stays gray, colour becomes RGB, and any alpha (or a
    /// transparent palette entry) becomes RGBA; 16-bit samples are reduced to 8 bits.
    public static func decode(_ bytes: [UInt8]) throws(FigureError) -> Bitmap {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw .pngDecodingFailed(reason: libpngMessage(image)) }

        let width = Int(image.width)
        let height = Int(image.height)
        guard width * height <= maximumPixelCount else { throw .imageTooLarge(width: width, height: height) }
        let hasColor = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        let hasAlpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
        let format: PixelFormat = hasAlpha ? .rgba : hasColor ? .rgb : .gray
        image.format = format.pngFormat

        var pixels = [UInt8](repeating: 0, count: width * height * format.channels)
        let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard finished != 0 else { throw .pngDecodingFailed(reason: libpngMessage(image)) }
        return try Bitmap(width: width, height: height, format: format, pixels: pixels)
    }
}
