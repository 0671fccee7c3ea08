import CPNG
import Files
import Foundation

/// Encodes bitmaps as PNG through libpng's simplified API, in memory.
///
/// The simplified API (`png_image_write_to_memory`) reports errors through the `png_image`
/// struct instead of `longjmp`, so no `setjmp` is needed from Swift.
public enum PNGWriter {
    /// The eight bytes every PNG file starts with.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG encoding of `bitmap` (8 bits per channel, libpng's default compression, sRGB).
    public static func encode(_ bitmap: Bitmap) throws(FigureError) -> [UInt8] {
        guard bitmap.width * bitmap.format.channels <= Int(Int32.max), bitmap.height <= Int(Int32.max) else {
            throw .imageTooLarge(width: bitmap.width, height: bitmap.height)
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(bitmap.width)
        image.height = UInt32(bitmap.height)
        image.format = bitmap.format.pngFormat
        defer { png_image_free(&image) }
        let capacity = maximumSize(of: bitmap)
        var output = [UInt8](repeating: 0, count: capacity)
        var size = png_alloc_size_t(capacity)
        let succeeded = output.withUnsafeMutableBytes { memory in
            bitmap.pixels.withUnsafeBytes { samples in
                png_image_write_to_memory(&image, memory.baseAddress, &size, 0, samples.baseAddress, 0, nil)
            }
        }
        guard succeeded != 0 else { throw .pngEncodingFailed(reason: libpngMessage(image)) }
        output.removeLast(capacity - Int(size))
        return output
    }

    /// libpng's `PNG_IMAGE_PNG_SIZE_MAX` (a macro Swift cannot import): an upper bound on the
    /// encoded size, so one compression pass always fits.
    static func maximumSize(of bitmap: Bitmap) -> Int {
        let data = bitmap.pixels.count + bitmap.height  // one filter byte per row
        let compressed = data + (data + 7) / 8 + (data + 63) / 64 + 11  // PNG_ZLIB_MAX_SIZE
        let chunks = 8 + 25 + 16 + 44 + 12 + 12  // signature, IHDR, gAMA, cHRM, IEND, one IDAT header
        return chunks + 12 * (compressed / Int(PNG_ZBUF_SIZE)) + compressed
    }

    /// Encodes `bitmap` and writes it to `url` atomically (`AtomicFile`); the folder must exist.
    public static func write(_ bitmap: Bitmap, to url: URL) throws(FigureError) {
        let bytes = try encode(bitmap)
        do {
            try AtomicFile.write([(Data(bytes), url)])
        } catch {
            throw .fileWriteFailed(path: url.path, reason: error.reason)
        }
    }
}

extension PixelFormat {
    /// The simplified API's `PNG_FORMAT_*` value for this layout.
    var pngFormat: UInt32 {
        switch self {
        case .gray: UInt32(PNG_FORMAT_GRAY)
        case .rgb: UInt32(PNG_FORMAT_FLAG_COLOR)
        case .rgba: UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        }
    }
}

/// The NUL-terminated message libpng left in `image` after a failed call.
func libpngMessage(_ image: png_image) -> String {
    withUnsafeBytes(of: image.message) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
}
