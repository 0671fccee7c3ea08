import Figures
import Foundation
import Testing

@Test func theGridSVGEmbedsThePNGAndPlacesLabelsOnRowsAndColumns() throws {
    let grid = try ImageGrid(
        rows: [[0, 1], [1, 0], [0.5, 0.5]], imageWidth: 1, imageHeight: 1, scale: 4, gap: 1,
        rowLabels: ["original", "MLP VAE", "<CNN & co>"], columnLabels: ["t=0", "t=1"],
        rowTints: [nil, Palette.seriesColor(0), Palette.seriesColor(1)])
    let root = try XMLElement.parse(grid.svg(title: "Reconstructions")).get()
    let image = try #require(root.elements("image").first)
    let href = try #require(image.attributes["href"])
    #expect(href.hasPrefix("data:image/png;base64,"))
    let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
    #expect(try PNGReader.decode(Array(png)) == grid.render())

    let layout = grid.layout
    let x = try #require(image.attributes["x"].flatMap(Double.init))
    let y = try #require(image.attributes["y"].flatMap(Double.init))
    let rowLabels = root.elements(class: "row-label")
    #expect(rowLabels.map(\.text) == ["original", "MLP VAE", "<CNN & co>"])
    #expect(rowLabels.map { $0.attributes["y"].flatMap(Double.init) } == layout.rows.map { y + $0.midY })
    let columnLabels = root.elements(class: "column-label")
    #expect(columnLabels.map(\.text) == ["t=0", "t=1"])
    #expect(columnLabels.map { $0.attributes["x"].flatMap(Double.init) } == layout.columns.map { x + $0.midX })
    #expect(root.attributes["width"] == String(Int(x) + layout.width))
}
