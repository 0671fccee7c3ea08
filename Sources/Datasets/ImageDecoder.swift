import CJPEG
import CPNG

/// The file formats an image folder's images may have, told apart by their first bytes.
public enum ImageFormat: String, Sendable, Equatable {
    /// PNG, read with libpng.
    case png = "PNG"
    /// JPEG (JFIF or Exif), read with libjpeg-turbo.
    case jpeg = "JPEG"

    /// The format `bytes` start with, or nil for neither.
    public init?(sniffing bytes: [UInt8]) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else {
            return nil
        }
    }
}

/// What an image file's header says, before any pixel is decoded.
public struct ImageHeader: Sendable, Equatable {
    /// The file's format.
    public let format: ImageFormat
    /// The number of columns.
    public let width: Int
    /// The number of rows.
    public let height: Int
    /// 1 for a grey image (with or without alpha), 3 for colour (RGB, RGBA or a palette): the
    /// channels nb keeps, as Pillow's `convert("L")` and `convert("RGB")` would.
    public let channels: Int
    /// The 8-bit samples per pixel the decoder writes, alpha included (1 to 4).
    let samples: Int
}

/// An image decoded to 8-bit rows of `header.samples` interleaved samples.
struct DecodedImage {
    /// The header it was decoded from.
    let header: ImageHeader
    /// `height × width × samples` bytes, row after row.
    let pixels: [UInt8]
}

/// Decodes PNG and JPEG files with libpng and libjpeg-turbo, sample for sample as Pillow does.
///
/// Palettes expand to RGB and alpha is dropped (as `convert("RGB")` and `convert("L")` drop it),
/// 16-bit samples keep their high byte and grey below 8 bits is scaled to 8 (Pillow's raw modes),
/// and no gamma is applied. One difference: Pillow opens 16-bit grey as I;16, whose
/// `convert("L")` clips every value above 255 to white; nb keeps the high byte, as Pillow does
/// for 16-bit colour.
public enum ImageDecoder {
    /// Pixels above which an image is refused before decoding: Pillow's own limit, twice its
    /// `Image.MAX_IMAGE_PIXELS`, above which it raises `DecompressionBombError`.
    public static let maximumPixels = 2 * 89_478_485
    /// Progressive scans above which a JPEG is refused: each scan redoes the whole image, so a
    /// few kilobytes of tiny scans can take minutes, and real files have about ten.
    static let maximumScans: Int32 = 1000

    /// The header of the image file held in `bytes`, read from `path` (named in errors).
    public static func header(_ bytes: [UInt8], path: String) throws -> ImageHeader {
        guard let format = ImageFormat(sniffing: bytes) else {
            throw DatasetError.notAnImage(path: path, bytes: bytes.count)
        }
        switch format {
        case .png: return try pngHeader(bytes, path: path)
        case .jpeg: return try jpegHeader(bytes, path: path)
        }
    }

    /// Decodes the image held in `bytes` into planes of `channels` (1 or 3), converting grey to
    /// colour or colour to grey as Pillow's `convert` does: what the fuzzer and the tests call.
    public static func planes(
        _ bytes: [UInt8], path: String, channels: Int, maximumPixels: Int = maximumPixels
    ) throws -> (header: ImageHeader, planes: [UInt8]) {
        let image = try decode(bytes, header: try header(bytes, path: path), path: path, maximumPixels: maximumPixels)
        let count = channels * image.header.height * image.header.width
        let planes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { image.writePlanes(channels: channels, to: base) }
            initialized = count
        }
        return (image.header, planes)
    }

    /// Decodes the image held in `bytes`, whose header is `header`, once its size is known to be
    /// at most `maximumPixels`.
    static func decode(_ bytes: [UInt8], header: ImageHeader, path: String, maximumPixels: Int) throws -> DecodedImage {
        try check(header, path: path, maximumPixels: maximumPixels)
        var failure: String?
        let count = header.width * header.height * header.samples
        let decoded = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            // Every byte is written, or decoding fails and the array is dropped unread.
            initialized = count
            failure = bytes.withUnsafeBufferPointer { data in
                switch header.format {
                case .png: readPNG(data, into: out)
                case .jpeg: readJPEG(data, into: out, grey: header.samples == 1)
                }
            }
        }
        if let failure { throw DatasetError.imageDecodingFailed(path: path, format: header.format, reason: failure) }
        return DecodedImage(header: header, pixels: decoded)
    }

    /// Throws unless the image `header` describes has at most `maximumPixels` pixels.
    static func check(_ header: ImageHeader, path: String, maximumPixels: Int) throws {
        let (pixels, overflow) = header.width.multipliedReportingOverflow(by: header.height)
        guard !overflow, pixels <= maximumPixels else {
            throw DatasetError.imageTooLarge(
                path: path, width: header.width, height: header.height, maximumPixels: maximumPixels)
        }
    }

    /// The header of the PNG file in `bytes`, through libpng.
    private static func pngHeader(_ bytes: [UInt8], path: String) throws -> ImageHeader {
        var result = nb_png_result()
        let ok = bytes.withUnsafeBufferPointer { nb_png_read($0.baseAddress, $0.count, nil, 0, &result) }
        guard ok != 0 else {
            throw DatasetError.imageDecodingFailed(path: path, format: .png, reason: message(&result.message))
        }
        let samples = Int(result.channels)
        return ImageHeader(
            format: .png, width: Int(result.width), height: Int(result.height), channels: samples >= 3 ? 3 : 1,
            samples: samples)
    }

    /// The header of the JPEG file in `bytes`, through libjpeg's `jpeg_read_header`.
    private static func jpegHeader(_ bytes: [UInt8], path: String) throws -> ImageHeader {
        var result = nb_jpeg_result()
        let ok = bytes.withUnsafeBufferPointer {
            nb_jpeg_read($0.baseAddress, UInt($0.count), nil, 0, 0, maximumScans, &result)
        }
        guard ok != 0 else {
            throw DatasetError.imageDecodingFailed(path: path, format: .jpeg, reason: message(&result.message))
        }
        let channels: Int
        switch J_COLOR_SPACE(UInt32(result.color_space)) {
        case JCS_GRAYSCALE: channels = 1
        case JCS_YCbCr, JCS_RGB: channels = 3
        default: throw DatasetError.unsupportedJPEGColor(path: path, components: Int(result.components))
        }
        return ImageHeader(
            format: .jpeg, width: Int(result.width), height: Int(result.height), channels: channels,
            samples: channels)
    }

    /// Decodes the PNG file in `data` into `out`; libpng's message if it fails.
    private static func readPNG(_ data: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>)
        -> String?
    {
        var result = nb_png_result()
        guard nb_png_read(data.baseAddress, data.count, out.baseAddress, out.count, &result) == 0 else { return nil }
        return message(&result.message)
    }

    /// Decodes the JPEG file in `data` into `out`, as grey or RGB; libjpeg's message if it fails.
    private static func readJPEG(
        _ data: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, grey: Bool
    ) -> String? {
        var result = nb_jpeg_result()
        let ok = nb_jpeg_read(
            data.baseAddress, UInt(data.count), out.baseAddress, UInt(out.count), grey ? 1 : 0, maximumScans, &result)
        return ok == 0 ? message(&result.message) : nil
    }

    /// The C string in a fixed-size `char` array the libraries filled.
    private static func message<Tuple>(_ tuple: inout Tuple) -> String {
        withUnsafeBytes(of: &tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension DecodedImage {
    /// Writes the pixels as `channels` planes (1 or 3) of `height × width` bytes at `out`,
    /// dropping alpha, with colour made grey by Pillow's `convert("L")` (ITU-R 601-2 luma,
    /// 299/587/114 in 16-bit fixed point, rounded) and grey made colour by copying.
    func writePlanes(channels: Int, to out: UnsafeMutablePointer<UInt8>) {
        let area = header.width * header.height
        let samples = header.samples
        pixels.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress else { return }
            switch (header.channels, channels) {
            case (1, _):
                for plane in 0..<channels {
                    for i in 0..<area { out[plane * area + i] = from[i * samples] }
                }
            case (_, 3) where samples == 3:
                // RGB, the common case, with a constant stride the compiler can unroll.
                for i in 0..<area {
                    out[i] = from[3 * i]
                    out[area + i] = from[3 * i + 1]
                    out[2 * area + i] = from[3 * i + 2]
                }
            case (_, 3):
                for i in 0..<area {
                    out[i] = from[i * samples]
                    out[area + i] = from[i * samples + 1]
                    out[2 * area + i] = from[i * samples + 2]
                }
            default:
                for i in 0..<area {
                    let red = UInt32(from[i * samples])
                    let green = UInt32(from[i * samples + 1])
                    let blue = UInt32(from[i * samples + 2])
                    out[i] = UInt8((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16)
                }
            }
        }
    }
}
