import Figures
import Foundation
import Testing

/// `levels` as values that map to exactly those bytes.
private func values(_ levels: [Int]) -> [Float] { levels.map { Float($0) / 255 } }

/// The PNG a figure's `<image>` embeds, decoded.
private func embeddedBitmap(_ image: XMLElement?) throws -> Bitmap {
    let href = try #require(image?.attributes["href"])
    let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
    return try PNGReader.decode(Array(png))
}

@Test func aColourImageAtScaleTwoDrawsEachPlaneIntoItsChannel() throws {
    // Planar (C, H, W): the red plane, then green, then blue; every value differs, so a swapped
    // channel, a transposed plane or an interleaved read all change the picture.
    let image = values([10, 20, 30, 40] + [50, 60, 70, 80] + [90, 100, 110, 120])
    let grid = try ImageGrid(images: image, imageWidth: 2, imageHeight: 2, channels: 3, columns: 1, scale: 2, gap: 0)
    let bitmap = grid.render()
    #expect(bitmap.width == 4 && bitmap.height == 4 && bitmap.format == .rgb)
    let topLeft: [UInt8] = [10, 50, 90], topRight: [UInt8] = [20, 60, 100]
    let bottomLeft: [UInt8] = [30, 70, 110], bottomRight: [UInt8] = [40, 80, 120]
    let top = topLeft + topLeft + topRight + topRight
    let bottom = bottomLeft + bottomLeft + bottomRight + bottomRight
    #expect(bitmap.pixels == top + top + bottom + bottom)
    #expect(try PNGReader.decode(grid.png()) == bitmap)
}

@Test func colourImagesSitInCellsBetweenGapsOfTheGapColour() throws {
    let red = values([255, 255, 0, 0, 0, 0]), blue = values([0, 0, 0, 0, 255, 255])
    let grid = try ImageGrid(
        images: red + blue, imageWidth: 1, imageHeight: 2, channels: 3, columns: 2, gap: 1,
        gapColor: RGBColor(gray: 200))
    let bitmap = grid.render()
    #expect(bitmap.width == 3 && bitmap.height == 2 && bitmap.format == .rgb)
    let row: [UInt8] = [255, 0, 0] + [200, 200, 200] + [0, 0, 255]
    #expect(bitmap.pixels == row + row)
}

@Test func colourValuesAreClampedAndNaNIsDrawnBlack() throws {
    let red: [Float] = [2, -1, .nan, 0.5]
    let green: [Float] = [0, 1, .infinity, .nan]
    let blue: [Float] = [-.infinity, 0.5, 1, 0.2]
    let grid = try ImageGrid(images: red + green + blue, imageWidth: 4, imageHeight: 1, channels: 3, columns: 1)
    #expect(grid.render().pixels == [255, 0, 0, 0, 255, 128, 0, 255, 255, 128, 0, 51])
}

@Test func aGreyImageAndItsThreeEqualPlanesDrawTheSamePixels() throws {
    let grey: [Float] = [0, 0.25, 1, 0.5, 0.75, 0.1]
    let tints: [RGBColor?] = [Palette.seriesColor(0)]
    let tinted = try ImageGrid(images: grey, imageWidth: 3, imageHeight: 2, columns: 1, rowTints: tints)
    let colour = try ImageGrid(
        images: grey + grey + grey, imageWidth: 3, imageHeight: 2, channels: 3, columns: 1, rowTints: tints)
    #expect(tinted.render().format == .rgb)
    #expect(colour.render() == tinted.render())
    // Without tints the grey grid stays one byte per pixel; the colour grid repeats each byte.
    let plain = try ImageGrid(images: grey, imageWidth: 3, imageHeight: 2, columns: 1, gapColor: RGBColor(gray: 9))
    let plainColour = try ImageGrid(
        images: grey + grey + grey, imageWidth: 3, imageHeight: 2, channels: 3, columns: 1,
        gapColor: RGBColor(gray: 9))
    #expect(plain.channels == 1 && plain.render().format == .gray)
    #expect(plain.render().pixels == [0, 64, 255, 128, 191, 26])
    #expect(plainColour.render().pixels == plain.render().pixels.flatMap { [$0, $0, $0] })
}

@Test func gridsOfColourImagesAreCheckedAtTheBoundary() {
    let table: [(FigureError, () throws -> ImageGrid)] = [
        (
            .unsupportedChannelCount(2),
            { try ImageGrid(images: [0, 0], imageWidth: 1, imageHeight: 1, channels: 2, columns: 1) }
        ),
        (.unsupportedChannelCount(0), { try ImageGrid(rows: [[0]], imageWidth: 1, imageHeight: 1, channels: 0) }),
        (
            .partialGridImage(valueCount: 8, channels: 3, imageWidth: 2, imageHeight: 1),
            {
                try ImageGrid(
                    images: [Float](repeating: 0, count: 8), imageWidth: 2, imageHeight: 1, channels: 3, columns: 1)
            }
        ),
        (
            .partialGridImage(valueCount: 2, channels: 3, imageWidth: 1, imageHeight: 1),
            { try ImageGrid(rows: [[0, 0], [0, 0]], imageWidth: 1, imageHeight: 1, channels: 3) }
        ),
        (
            .raggedGridRow(row: 1, expected: 1, actual: 2),
            {
                try ImageGrid(
                    rows: [[Float](repeating: 0, count: 6), [Float](repeating: 0, count: 12)], imageWidth: 1,
                    imageHeight: 2, channels: 3)
            }
        ),
        // Sizes whose product overflows are reported, not trapped on.
        (
            .partialGridImage(valueCount: 1, channels: 3, imageWidth: .max / 2, imageHeight: 1),
            { try ImageGrid(images: [0], imageWidth: .max / 2, imageHeight: 1, channels: 3, columns: 1) }
        ),
        (
            .partialGridImage(valueCount: 1, channels: 1, imageWidth: .max, imageHeight: 2),
            { try ImageGrid(images: [0], imageWidth: .max, imageHeight: 2, columns: 1) }
        ),
        (
            .imageTooLarge(width: .max, height: .max),
            { try ImageGrid(images: [0], imageWidth: 1, imageHeight: 1, columns: 1, gap: .max) }
        ),
    ]
    for (expected, make) in table {
        #expect(throws: expected) { try make() }
    }
}

@Test func channelErrorsStateTheChannels() {
    let messages: [(FigureError, String)] = [
        (
            .unsupportedChannelCount(2),
            "images of 2 channels cannot be drawn; give 1 channel (grey) or 3 (red, green, blue planes)"
        ),
        (
            .partialGridImage(valueCount: 8, channels: 3, imageWidth: 2, imageHeight: 1),
            "8 pixel values are not a whole number of 3×1×2 images (channels × height × width, 6 values each); "
                + "check the channel count, image height and width"
        ),
        (
            .partialGridImage(valueCount: 1, channels: 3, imageWidth: .max / 2, imageHeight: 1),
            "1 pixel values are not a whole number of 3×1×4611686018427387903 images "
                + "(channels × height × width, over 9223372036854775807 values each); "
                + "check the channel count, image height and width"
        ),
    ]
    for (error, message) in messages {
        #expect(error.description == message)
    }
}

@Test func captionedImagesDrawColourImagesInColour() throws {
    let red = values([255, 0, 0]), teal = values([0, 128, 128])
    let figure = try CaptionedImages(
        images: red + teal, imageWidth: 1, imageHeight: 1, channels: 3, columns: 2, scale: 2,
        captions: [["cat"], ["→ dog"]])
    let root = try XMLElement.parse(try figure.svg(title: "Mistakes")).get()
    let bitmaps = try root.elements("image").map(embeddedBitmap)
    #expect(bitmaps.map(\.format) == [.rgb, .rgb])
    // Each image is one pixel drawn as a 2×2 block.
    #expect(
        bitmaps.map(\.pixels) == [[255, 0, 0], [0, 128, 128]].map { Array(repeatElement($0, count: 4).joined()) })
    #expect(throws: FigureError.unsupportedChannelCount(4)) {
        try CaptionedImages(
            images: [0, 0, 0, 0], imageWidth: 1, imageHeight: 1, channels: 4, columns: 1, captions: [["x"]])
    }
}

@Test func theSVGOfAColourGridDiffersFromAGreyOneOnlyInItsImage() throws {
    let grey = values([0, 85] + [170, 255])
    let labels = (rows: ["original", "VAE"], columns: ["a", "b"])
    let greyGrid = try ImageGrid(
        rows: [grey, grey], imageWidth: 1, imageHeight: 2, scale: 3, gap: 1, rowLabels: labels.rows,
        columnLabels: labels.columns)
    let colour = values([255, 0, 0, 0, 0, 255] + [0, 255, 255, 255, 0, 255])  // red over blue, green over white
    let colourGrid = try ImageGrid(
        rows: [colour, colour], imageWidth: 1, imageHeight: 2, channels: 3, scale: 3, gap: 1,
        rowLabels: labels.rows, columnLabels: labels.columns)
    let greySVG = try greyGrid.svg(title: "Reconstructions")
    let colourSVG = try colourGrid.svg(title: "Reconstructions")
    let href = try Regex(#"href="data:image/png;base64,[^"]*""#)
    #expect(greySVG.replacing(href, with: "href") == colourSVG.replacing(href, with: "href"))
    #expect(greySVG != colourSVG)
    let root = try XMLElement.parse(colourSVG).get()
    #expect(try embeddedBitmap(root.elements("image").first) == colourGrid.render())
    #expect(colourGrid.render().format == .rgb)
}
