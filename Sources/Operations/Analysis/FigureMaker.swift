import Figures
import Foundation
import Runner

/// Turns the Figures module's drawings into the runner's display values.
enum FigureMaker {
    /// The gap between a grid's images: a mid grey, visible against black digits and against
    /// both the light and the dark page.
    static let gridGap = RGBColor(gray: 136)

    /// An image grid as a PNG figure, its labels placed by the report; `interpolates` when its
    /// columns are the steps of an interpolation.
    static func figure(
        _ grid: ImageGrid, title: String, caption: String, interpolates: Bool = false
    ) throws -> DisplayFigure {
        let layout = grid.layout
        let width = Double(layout.width), height = Double(layout.height)
        let labels = GridLabels(
            rows: grid.rowLabels ?? [], rowCenters: layout.rows.map { $0.midY / height },
            columns: grid.columnLabels ?? [], columnCenters: layout.columns.map { $0.midX / width },
            width: layout.width, height: layout.height, interpolates: interpolates)
        return DisplayFigure(image: .png(Data(try grid.png())), caption: caption, title: title, grid: labels)
    }

    /// A chart as an SVG figure.
    static func figure(svg: String, title: String, caption: String) -> DisplayFigure {
        DisplayFigure(image: .svg(svg), caption: caption, title: title)
    }
}
