import Figures
import Foundation
import Testing

@Test func aGrayscaleBitmapComesBackFromLibpngWithTheSamePixels() throws {
    let bitmap = try Bitmap(width: 3, height: 2, format: .gray, pixels: [0, 1, 2, 127, 128, 255])
    #expect(try PNGReader.decode(PNGWriter.encode(bitmap)) == bitmap)
}

@Test func anRGBBitmapComesBackFromLibpngWithTheSamePixels() throws {
    let pixels: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 250, 128, 7, 9, 9, 9]
    let bitmap = try Bitmap(width: 2, height: 3, format: .rgb, pixels: pixels)
    #expect(try PNGReader.decode(PNGWriter.encode(bitmap)) == bitmap)
}

@Test func anRGBABitmapKeepsItsAlphaThroughLibpng() throws {
    let bitmap = try Bitmap(width: 2, height: 1, format: .rgba, pixels: [10, 20, 30, 255, 40, 50, 60, 0])
    #expect(try PNGReader.decode(PNGWriter.encode(bitmap)) == bitmap)
}

@Test func encodedBytesStartWithThePNGSignature() throws {
    let bytes = try PNGWriter.encode(Bitmap(width: 1, height: 1, format: .gray, pixels: [0]))
    #expect(Array(bytes.prefix(8)) == [137, 80, 78, 71, 13, 10, 26, 10])
    #expect(PNGWriter.signature == [137, 80, 78, 71, 13, 10, 26, 10])
}

@Test func aLargeNoisyImageFitsTheComputedBufferBound() throws {
    // Incompressible samples are the case where the output can exceed the input.
    var state: UInt32 = 12345
    let pixels = (0..<(300 * 200 * 3)).map { _ -> UInt8 in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
    let bitmap = try Bitmap(width: 300, height: 200, format: .rgb, pixels: pixels)
    #expect(try PNGReader.decode(PNGWriter.encode(bitmap)) == bitmap)
}

@Test func bytesThatAreNotAPNGAreReportedWithLibpngsMessage() {
    #expect(throws: FigureError.pngDecodingFailed(reason: "Not a PNG file")) {
        try PNGReader.decode(Array("hello, world".utf8))
    }
}

@Test func aPixelBufferOfTheWrongLengthIsRejected() {
    #expect(throws: FigureError.pixelCountMismatch(expected: 12, actual: 4)) {
        try Bitmap(width: 2, height: 2, format: .rgb, pixels: [0, 0, 0, 0])
    }
    #expect(
        FigureError.pixelCountMismatch(expected: 12, actual: 4).description
            == "pixel buffer holds 4 values but the image needs 12 (width × height × channels)")
}

@Test func writeReplacesTheFileWithTheEncodedBytes() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("grid.png")
    try Data("old".utf8).write(to: url)
    let bitmap = try Bitmap(width: 2, height: 1, format: .gray, pixels: [7, 200])
    try PNGWriter.write(bitmap, to: url)
    #expect(try Array(Data(contentsOf: url)) == PNGWriter.encode(bitmap))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["grid.png"])
}

@Test func writingIntoAMissingDirectoryIsAFileWriteError() throws {
    let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/grid.png")
    let bitmap = try Bitmap(width: 1, height: 1, format: .gray, pixels: [0])
    #expect {
        try PNGWriter.write(bitmap, to: url)
    } throws: { error in
        guard case .fileWriteFailed(let path, _) = error as? FigureError else { return false }
        return path == url.path
    }
}
