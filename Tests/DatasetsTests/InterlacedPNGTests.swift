import CPNG
import Foundation
import Testing

@testable import Datasets

/// Writes `rgb` (`height × width × 3` bytes) to `path` as an Adam7-interlaced PNG with libpng's
/// own writer: Pillow cannot write interlaced PNGs.
private func writeInterlacedPNG(_ rgb: [UInt8], width: Int, height: Int, to path: String) {
    guard let file = fopen(path, "wb") else { return }
    defer { fclose(file) }
    var png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, nil, nil)
    var info = png_create_info_struct(png)
    defer { png_destroy_write_struct(&png, &info) }
    png_init_io(png, file)
    png_set_IHDR(
        png, info, UInt32(width), UInt32(height), 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_ADAM7,
        PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT)
    png_write_info(png, info)
    var pixels = rgb
    pixels.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        var rows: [UnsafeMutablePointer<UInt8>?] = (0..<height).map { base + $0 * width * 3 }
        png_write_image(png, &rows)
    }
    png_write_end(png, nil)
}

@Suite("Reading interlaced PNGs")
struct InterlacedPNGTests {
    @Test("An Adam7-interlaced PNG decodes to the pixels libpng wrote, channels first")
    func decodesInterlacedPNGs() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (width, height) = (9, 7)
        let rgb = (0..<width * height * 3).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let path = folder.path + "/interlaced.png"
        writeInterlacedPNG(rgb, width: width, height: height, to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[28] == 1)  // IHDR's interlace method: Adam7.

        let (header, planes) = try ImageDecoder.planes(bytes, path: path, channels: 3)
        #expect(header == ImageHeader(format: .png, width: width, height: height, channels: 3, samples: 3))
        let expected = (0..<3).flatMap { channel in (0..<width * height).map { rgb[$0 * 3 + channel] } }
        #expect(planes == expected)
    }
}
