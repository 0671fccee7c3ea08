import Figures
import Foundation
import Runner

/// Turns the Figures module's drawings into the runner's display values.
enum FigureMaker {
    /// An image grid as a PNG figure.
    static func figure(_ grid: ImageGrid, title: String, caption: String) throws -> DisplayFigure {
        DisplayFigure(image: .png(Data(try grid.png())), caption: caption.isEmpty ? title : caption)
    }

    /// A chart as an SVG figure.
    static func figure(svg: String, caption: String) -> DisplayFigure {
        DisplayFigure(image: .svg(svg), caption: caption)
    }
}

/// The colour a model keeps in every figure: the MLP first, the CNN second in the palette, and
/// any other name a stable slot from its text, so a model is the same colour everywhere.
func colorIndex(of spec: ModelSpec) -> Int {
    switch spec.name {
    case "MLP VAE": return 0
    case "CNN VAE": return 1
    default:
        var hash: UInt32 = 2_166_136_261
        for byte in spec.name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return 2 + Int(hash % 6)
    }
}
