import Figures
import Testing

/// `bitmap` as one string per row, each gray level written as the symbol `symbols` gives it.
private func picture(_ bitmap: Bitmap, _ symbols: [UInt8: Character]) -> [String] {
    (0..<bitmap.height).map { y in
        String((0..<bitmap.width).map { x in symbols[bitmap.pixels[y * bitmap.width + x]] ?? "?" })
    }
}

@Test func aTwoByTwoGridAtScaleThreeHasGapsAndNearestNeighbourBlocks() throws {
    let images: [[Float]] = [
        [0, 1, 1, 0],
        [1, 0, 0, 1],
        [0.5, 0.5, 0, 0],
        [2, -1, .nan, 0.25],  // clamped to 1 and 0, NaN drawn black
    ]
    let grid = try ImageGrid(
        images: Array(images.joined()), imageWidth: 2, imageHeight: 2, columns: 2, scale: 3, gap: 2,
        gapColor: RGBColor(gray: 200))
    let bitmap = grid.render()
    #expect(bitmap.width == 18 && bitmap.height == 18 && bitmap.format == .gray)
    let rows =
        Array(repeating: "...###gggggg###...", count: 3) + Array(repeating: "###...gggggg...###", count: 3)
        + Array(repeating: "gggggggggggggggggg", count: 6)
        + Array(repeating: "++++++gggggg###...", count: 3) + Array(repeating: "......gggggg...---", count: 3)
    #expect(picture(bitmap, [0: ".", 255: "#", 128: "+", 64: "-", 200: "g"]) == rows)
}

@Test func valuesMapToBytesRoundedAndClamped() throws {
    let grid = try ImageGrid(
        images: [0, 1, 0.5, 0.2, -3, 7, .nan, .infinity], imageWidth: 8, imageHeight: 1, columns: 1)
    #expect(grid.render().pixels == [0, 255, 128, 51, 0, 255, 0, 255])
}

@Test func rowTintsAddAColouredBarLeftOfTheirRows() throws {
    let blue = RGBColor(hex: 0x0072B2)
    let grid = try ImageGrid(
        rows: [[1], [0]], imageWidth: 1, imageHeight: 1, gap: 1, gapColor: RGBColor(gray: 200),
        rowTints: [blue, nil])
    let bitmap = grid.render()
    #expect(bitmap.width == 5 && bitmap.height == 3 && bitmap.format == .rgb)
    let t: [UInt8] = [0x00, 0x72, 0xB2]
    let g: [UInt8] = [200, 200, 200]
    let row0 = t + t + t + g + [255, 255, 255]
    let row1 = g + g + g + g + g
    let row2 = g + g + g + g + [0, 0, 0]
    #expect(bitmap.pixels == row0 + row1 + row2)
}

@Test func theLayoutLocatesCellsRowsAndColumnsForLabels() throws {
    let grid = try ImageGrid(
        rows: [[Float](repeating: 0, count: 3 * 4), [Float](repeating: 1, count: 3 * 4)], imageWidth: 2,
        imageHeight: 2, scale: 2, gap: 1, rowLabels: ["original", "MLP VAE"], columnLabels: ["a", "b", "c"],
        rowTints: [nil, RGBColor.black])
    let layout = grid.layout
    // Tint bar 3 × 2 = 6 px, gap 2 px, then cells 4 px wide, 2 px apart.
    #expect(layout.width == 8 + 3 * 4 + 2 * 2 && layout.height == 2 * 4 + 2)
    #expect(
        layout.cells.map { [$0.x, $0.y] } == [[8, 0], [14, 0], [20, 0], [8, 6], [14, 6], [20, 6]])
    #expect(layout.rows == [PixelRect(x: 8, y: 0, width: 16, height: 4), PixelRect(x: 8, y: 6, width: 16, height: 4)])
    #expect(layout.columns.map(\.midX) == [10, 16, 22])
    #expect(layout.tintBars == [nil, PixelRect(x: 0, y: 6, width: 6, height: 4)])
}

@Test func aShortLastRowLeavesGapColourInItsEmptyCells() throws {
    let grid = try ImageGrid(images: [0, 0, 0], imageWidth: 1, imageHeight: 1, columns: 2, gap: 1)
    #expect(grid.rowCount == 2)
    #expect(grid.render().pixels == [0, 255, 0, 255, 255, 255, 0, 255, 255])
}

@Test func invalidGridsAreRejectedWithTheirReason() {
    #expect(throws: FigureError.partialGridImage(valueCount: 3, channels: 1, imageWidth: 2, imageHeight: 1)) {
        try ImageGrid(images: [0, 0, 0], imageWidth: 2, imageHeight: 1, columns: 1)
    }
    #expect(throws: FigureError.emptyGrid) { try ImageGrid(images: [], imageWidth: 1, imageHeight: 1, columns: 1) }
    #expect(throws: FigureError.invalidImageSize(width: 0, height: 1)) {
        try ImageGrid(images: [0], imageWidth: 0, imageHeight: 1, columns: 1)
    }
    #expect(throws: FigureError.invalidGridSetting(name: "scale", value: 0, minimum: 1)) {
        try ImageGrid(images: [0], imageWidth: 1, imageHeight: 1, columns: 1, scale: 0)
    }
    #expect(throws: FigureError.invalidGridSetting(name: "gap", value: -1, minimum: 0)) {
        try ImageGrid(images: [0], imageWidth: 1, imageHeight: 1, columns: 1, gap: -1)
    }
    #expect(throws: FigureError.annotationCountMismatch(.rowLabels, expected: 2, actual: 1)) {
        try ImageGrid(images: [0, 0], imageWidth: 1, imageHeight: 1, columns: 1, rowLabels: ["one"])
    }
    #expect(throws: FigureError.annotationCountMismatch(.columnLabels, expected: 2, actual: 3)) {
        try ImageGrid(images: [0, 0], imageWidth: 1, imageHeight: 1, columns: 2, columnLabels: ["a", "b", "c"])
    }
    #expect(throws: FigureError.annotationCountMismatch(.rowTints, expected: 1, actual: 2)) {
        try ImageGrid(images: [0, 0], imageWidth: 1, imageHeight: 1, columns: 2, rowTints: [nil, nil])
    }
    #expect(throws: FigureError.raggedGridRow(row: 1, expected: 2, actual: 1)) {
        try ImageGrid(rows: [[0, 0], [0]], imageWidth: 1, imageHeight: 1)
    }
    #expect(throws: FigureError.imageTooLarge(width: 6_291_456, height: 3_145_728)) {
        try ImageGrid(images: [0], imageWidth: 1, imageHeight: 1, columns: 1, scale: 1 << 20)
    }
}

@Test func gridErrorsSayHowToFixThem() {
    #expect(
        FigureError.partialGridImage(valueCount: 3, channels: 1, imageWidth: 2, imageHeight: 1).description
            == "3 pixel values are not a whole number of 1×1×2 images (channels × height × width, 2 values each); "
            + "check the channel count, image height and width")
    #expect(
        FigureError.annotationCountMismatch(.rowLabels, expected: 2, actual: 1).description
            == "1 row labels given for 2 rows; give one per row")
}
