import Foundation

/// Grey or colour images in a grid, each with lines of text under it, such as a classifier's mistakes
/// with their true and predicted classes.
///
/// Each image is drawn by `ImageGrid` (one image, no gap) and embedded as a PNG `data:` image at
/// a whole-number scale; the captions are `<text>` in the page's text colour, centred under their
/// image, and each cell has a `<title>` joining its lines, shown on hover.
///
/// ```swift
/// let figure = try CaptionedImages(
///     images: pixels, imageWidth: 28, imageHeight: 28, columns: 8,
///     captions: [["7", "→ 2", "93%"], ["4", "→ 9", "61%"]])
/// let svg: String = try figure.svg(title: "Mistakes")
/// ```
public struct CaptionedImages: Sendable {
    /// All images' pixels in [0, 1], image after image, each `channels × imageHeight × imageWidth`
    /// row-major (colour planar: all red, then green, then blue, as `ImageGrid` draws them).
    public let images: [Float]
    /// Channels per image: 1 for grey, 3 for red, green and blue planes.
    public let channels: Int
    /// Width of one image, in source pixels.
    public let imageWidth: Int
    /// Height of one image, in source pixels.
    public let imageHeight: Int
    /// Images per row; the last row may be shorter.
    public let columns: Int
    /// Whole-number upscaling of each image.
    public let scale: Int
    /// Per image, its caption lines, top to bottom.
    public let captions: [[String]]

    /// The images in `images` (each `channels × imageHeight × imageWidth`), `columns` per row,
    /// with one entry of `captions` per image.
    public init(
        images: [Float], imageWidth: Int, imageHeight: Int, channels: Int = 1, columns: Int, scale: Int = 2,
        captions: [[String]]
    ) throws(FigureError) {
        // An ImageGrid of them all checks the sizes, channels, counts and settings once, with its messages.
        let grid = try ImageGrid(
            images: images, imageWidth: imageWidth, imageHeight: imageHeight, channels: channels, columns: columns,
            scale: scale)
        guard captions.count == grid.imageCount else {
            throw .captionCountMismatch(images: grid.imageCount, captions: captions.count)
        }
        self.images = images
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.channels = channels
        self.columns = columns
        self.scale = scale
        self.captions = captions
    }

    /// The figure as a self-contained SVG at its natural size (scaled only down), with fewer
    /// columns than `columns` where that many would be wider than `maximumWidth`, and rows
    /// filled evenly (16 images in rows of at most 7 are 6, 6 and 4).
    public func svg(
        title: String, description: String? = nil, maximumWidth: Double = .infinity
    ) throws(FigureError) -> String {
        let fontSize = 12.0, lineHeight = 15.0
        let cellWidth = Double(imageWidth * scale), cellHeight = Double(imageHeight * scale)
        let widest = captions.joined().map { estimatedWidth($0, fontSize: fontSize) }.max() ?? 0
        let lines = captions.map(\.count).max() ?? 0
        let columnStep = (max(cellWidth, widest) + 16).rounded(.up)
        let rowStep = (cellHeight + 6 + Double(lines) * lineHeight + 12).rounded(.up)
        let count = captions.count
        let fitting = max(1, min(columns, Int(min(maximumWidth / columnStep, Double(columns)))))
        let rows = (count + fitting - 1) / fitting
        // As few columns as keep that many rows, so the last row is not left nearly empty.
        let columns = (count + rows - 1) / rows
        let usedColumns = min(columns, count)
        var svg = SVGDocument(
            width: Double(usedColumns) * columnStep, height: Double(rows) * rowStep, title: title,
            description: description ?? "\(count) images, each with \(lines) lines of caption under it.",
            sizing: .natural)
        svg.open(
            "g",
            [
                "class": "captioned-images", "font-family": ChartFrame.fontFamily, "font-size": "12",
                "fill": "currentColor",
            ])
        let imageSize = channels * imageWidth * imageHeight
        for (index, lines) in captions.enumerated() {
            let center = (Double(index % columns) + 0.5) * columnStep
            let top = Double(index / columns) * rowStep
            let png = try ImageGrid(
                images: Array(images[index * imageSize..<(index + 1) * imageSize]), imageWidth: imageWidth,
                imageHeight: imageHeight, channels: channels, columns: 1, scale: scale, gap: 0
            ).png()
            svg.open("g", ["class": "captioned-image"])
            svg.element("title", text: lines.joined(separator: " "))
            svg.element(
                "image",
                [
                    "x": format(center - cellWidth / 2), "y": format(top), "width": format(cellWidth),
                    "height": format(cellHeight), "href": "data:image/png;base64," + Data(png).base64EncodedString(),
                    "style": "image-rendering:pixelated;image-rendering:crisp-edges",
                ])
            for (line, text) in lines.enumerated() {
                let y = top + cellHeight + 6 + (Double(line) + 0.8) * lineHeight
                svg.element(
                    "text", ["class": "caption", "x": format(center), "y": format(y), "text-anchor": "middle"],
                    text: text)
            }
            svg.close()
        }
        svg.close()
        return svg.finished()
    }
}
