import Figures
import Foundation
import Testing

/// Three 2×2 images: black, white, and a checkerboard.
private let pixels: [Float] = [0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0]
private let captions = [["7", "→ 2", "93.1%"], ["Shirt", "→ T-shirt/top", "51.0%"], ["<b>", "→ &", "100.0%"]]

@Test func eachImageIsItsOwnPNGWithItsCaptionLinesUnderIt() throws {
    let figure = try CaptionedImages(
        images: pixels, imageWidth: 2, imageHeight: 2, columns: 2, scale: 3, captions: captions)
    let root = try XMLElement.parse(try figure.svg(title: "Mistakes")).get()
    let cells = root.elements(class: "captioned-image")
    #expect(cells.map { $0.elements(class: "caption").map(\.text) } == captions)
    #expect(
        cells.map { $0.elements("title").first?.text } == [
            "7 → 2 93.1%", "Shirt → T-shirt/top 51.0%", "<b> → & 100.0%",
        ])
    var decoded: [[UInt8]] = []
    for cell in cells {
        let href = try #require(cell.elements("image").first?.attributes["href"])
        let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
        let bitmap = try PNGReader.decode(Array(png))
        #expect(bitmap.width == 6 && bitmap.height == 6)
        decoded.append(bitmap.pixels)
    }
    // Each source pixel is a 3×3 block: row 0 of the checkerboard is 0, 0, 0, 255, 255, 255.
    #expect(decoded[0] == [UInt8](repeating: 0, count: 36))
    #expect(decoded[1] == [UInt8](repeating: 255, count: 36))
    #expect(decoded[2].prefix(6) == [0, 0, 0, 255, 255, 255])
    #expect(decoded[2].suffix(6) == [255, 255, 255, 0, 0, 0])
    // Two columns: the third image starts the second row, under the first.
    let xs = cells.map { $0.elements("image").first?.attributes["x"] }
    let ys = cells.map { $0.elements("image").first?.attributes["y"].flatMap(Double.init) }
    #expect(xs[2] == xs[0] && xs[1] != xs[0])
    #expect(ys[0] == 0 && ys[1] == 0 && (ys[2] ?? 0) > 6 + 3 * 12)
}

@Test func columnsAreDroppedToStayWithinTheMaximumWidth() throws {
    let figure = try CaptionedImages(
        images: pixels, imageWidth: 2, imageHeight: 2, columns: 3, scale: 1, captions: captions)
    let wide = try XMLElement.parse(try figure.svg(title: "t")).get()
    let narrow = try XMLElement.parse(try figure.svg(title: "t", maximumWidth: 250)).get()
    func rows(_ root: XMLElement) -> Set<String?> { Set(root.elements("image").map { $0.attributes["y"] }) }
    #expect(rows(wide).count == 1)
    #expect(rows(narrow).count == 2)
    // Two rows of three images are filled evenly: two and one.
    #expect(Set(narrow.elements("image").map { $0.attributes["x"] }).count == 2)
    #expect(narrow.attributes["width"].flatMap(Double.init).map { $0 <= 250 } == true)
}

@Test func everyImageNeedsACaption() {
    #expect(throws: FigureError.captionCountMismatch(images: 3, captions: 2)) {
        try CaptionedImages(
            images: pixels, imageWidth: 2, imageHeight: 2, columns: 2, captions: Array(captions.prefix(2)))
    }
}
