/// Grayscale images in [0, 1] laid out in rows and columns, upscaled by whole numbers with
/// nearest-neighbour sampling, to show digits, reconstructions and interpolations.
///
/// A value of 0 is black and 1 is white (MNIST's ink is 1); values outside [0, 1] are clamped
/// and NaN is drawn black. Cells are separated by gaps of `gapColor`, which should differ from
/// black so that cell edges stay visible. Labels are not drawn into the bitmap; `layout` says
/// where rows and columns are, and `svg(title:description:)` wraps the PNG with text labels.
public struct ImageGrid: Sendable {
    /// Width of a row's tint bar, in source pixels (drawn `scale` times wider).
    public static let tintWidth = 3

    /// All images' pixels, image after image, each `imageHeight × imageWidth` row-major.
    public let images: [Float]
    /// Width of one image, in source pixels.
    public let imageWidth: Int
    /// Height of one image, in source pixels.
    public let imageHeight: Int
    /// Images per row; the last row may be shorter.
    public let columns: Int
    /// Number of images.
    public let imageCount: Int
    /// Number of rows.
    public let rowCount: Int
    /// Whole-number upscaling: each source pixel becomes a `scale × scale` block.
    public let scale: Int
    /// Space between cells, in source pixels (drawn `scale` times wider).
    public let gap: Int
    /// Colour of the gaps, and of cells the last row leaves empty.
    public let gapColor: RGBColor
    /// One label per row, for `svg(title:description:)` and the report, or `nil`.
    public let rowLabels: [String]?
    /// One label per column, or `nil`.
    public let columnLabels: [String]?
    /// Per row, the colour of a bar drawn left of it (`nil` for no bar), or `nil` for no bars.
    public let rowTints: [RGBColor?]?

    /// A grid of the images in `images` (each `imageHeight × imageWidth`), `columns` per row.
    public init(
        images: [Float], imageWidth: Int, imageHeight: Int, columns: Int, scale: Int = 1, gap: Int = 2,
        gapColor: RGBColor = .white, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
        rowTints: [RGBColor?]? = nil
    ) throws(FigureError) {
        guard imageWidth >= 1, imageHeight >= 1 else { throw .invalidImageSize(width: imageWidth, height: imageHeight) }
        guard !images.isEmpty else { throw .emptyGrid }
        let imageSize = imageWidth * imageHeight
        guard images.count % imageSize == 0 else {
            throw .partialGridImage(valueCount: images.count, imageWidth: imageWidth, imageHeight: imageHeight)
        }
        for (name, value, minimum) in [("columns", columns, 1), ("scale", scale, 1), ("gap", gap, 0)]
        where value < minimum {
            throw .invalidGridSetting(name: name, value: value, minimum: minimum)
        }
        let imageCount = images.count / imageSize
        let rowCount = (imageCount + columns - 1) / columns
        let usedColumns = min(columns, imageCount)
        if let rowLabels, rowLabels.count != rowCount {
            throw .annotationCountMismatch(.rowLabels, expected: rowCount, actual: rowLabels.count)
        }
        if let rowTints, rowTints.count != rowCount {
            throw .annotationCountMismatch(.rowTints, expected: rowCount, actual: rowTints.count)
        }
        if let columnLabels, columnLabels.count != usedColumns {
            throw .annotationCountMismatch(.columnLabels, expected: usedColumns, actual: columnLabels.count)
        }
        // In Double so that an absurd scale is reported instead of overflowing.
        let width = Double(Self.tintWidth + usedColumns * (imageWidth + gap)) * Double(scale)
        let height = Double(rowCount * (imageHeight + gap)) * Double(scale)
        guard width * height <= Double(PNGReader.maximumPixelCount) else {
            throw .imageTooLarge(width: Int(width), height: Int(height))
        }
        self.images = images
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.columns = columns
        self.imageCount = imageCount
        self.rowCount = rowCount
        self.scale = scale
        self.gap = gap
        self.gapColor = gapColor
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.rowTints = rowTints
    }

    /// A grid with one row per element of `rows`, each holding the same number of images
    /// (for example originals, then each model's reconstructions of them).
    public init(
        rows: [[Float]], imageWidth: Int, imageHeight: Int, scale: Int = 1, gap: Int = 2,
        gapColor: RGBColor = .white, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
        rowTints: [RGBColor?]? = nil
    ) throws(FigureError) {
        guard imageWidth >= 1, imageHeight >= 1 else { throw .invalidImageSize(width: imageWidth, height: imageHeight) }
        guard let first = rows.first, !first.isEmpty else { throw .emptyGrid }
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw .raggedGridRow(
                row: index, expected: first.count / (imageWidth * imageHeight),
                actual: row.count / (imageWidth * imageHeight))
        }
        try self.init(
            images: Array(rows.joined()), imageWidth: imageWidth, imageHeight: imageHeight,
            columns: max(1, first.count / (imageWidth * imageHeight)), scale: scale, gap: gap, gapColor: gapColor,
            rowLabels: rowLabels, columnLabels: columnLabels, rowTints: rowTints)
    }

    /// Where every cell, row, column and tint bar lies in the rendered bitmap.
    public var layout: GridLayout {
        GridLayout(
            imageCount: imageCount, columnCount: columns, cellWidth: imageWidth * scale,
            cellHeight: imageHeight * scale,
            gap: gap * scale, tints: rowTints.map { $0.map { $0 != nil } }, tintWidth: Self.tintWidth * scale)
    }

    /// The grid as pixels: grayscale when there are no tints and the gap colour is a gray,
    /// RGB otherwise.
    public func render() -> Bitmap {
        let layout = self.layout
        let format: PixelFormat = rowTints == nil && gapColor.isGray ? .gray : .rgb
        let channels = format.channels
        let rowBytes = layout.width * channels
        var pixels = [UInt8](repeating: 0, count: layout.height * rowBytes)
        pixels.withUnsafeMutableBufferPointer { output in
            guard let out = output.baseAddress else { return }
            Self.fill(
                out, bytesPerRow: rowBytes, PixelRect(x: 0, y: 0, width: layout.width, height: layout.height), gapColor,
                channels)
            for (row, bar) in layout.tintBars.enumerated() {
                if let bar, let tint = rowTints?[row] { Self.fill(out, bytesPerRow: rowBytes, bar, tint, channels) }
            }
            images.withUnsafeBufferPointer { source in
                guard let images = source.baseAddress else { return }
                // Each source row is expanded once into the first of its `scale` output rows,
                // then copied into the others.
                for (index, cell) in layout.cells.enumerated() {
                    let image = images + index * imageWidth * imageHeight  // (imageHeight, imageWidth)
                    for sourceY in 0..<imageHeight {
                        let first = out + (cell.y + sourceY * scale) * rowBytes + cell.x * channels
                        var target = first
                        for sourceX in 0..<imageWidth {
                            let byte = Self.byte(image[sourceY * imageWidth + sourceX])
                            target.update(repeating: byte, count: scale * channels)
                            target += scale * channels
                        }
                        for copy in 1..<scale {
                            (first + copy * rowBytes).update(from: first, count: cell.width * channels)
                        }
                    }
                }
            }
        }
        return Bitmap(validatedWidth: layout.width, height: layout.height, format: format, pixels: pixels)
    }

    /// The rendered grid as PNG bytes.
    public func png() throws(FigureError) -> [UInt8] {
        try PNGWriter.encode(render())
    }

    /// `value` in [0, 1] as a byte, rounded to nearest; NaN and values below 0 give 0, above 1 give 255.
    static func byte(_ value: Float) -> UInt8 {
        let clamped: Float = value > 0 ? (value < 1 ? value : 1) : 0
        return UInt8(clamped * 255 + 0.5)
    }

    /// Paints `rect` of the image at `out` with `color` (its green channel in a gray image).
    private static func fill(
        _ out: UnsafeMutablePointer<UInt8>, bytesPerRow: Int, _ rect: PixelRect, _ color: RGBColor, _ channels: Int
    ) {
        let samples = channels == 1 ? [color.green] : [color.red, color.green, color.blue]
        for y in rect.y..<rect.y + rect.height {
            var target = out + y * bytesPerRow + rect.x * channels
            for _ in 0..<rect.width {
                for sample in samples {
                    target.pointee = sample
                    target += 1
                }
            }
        }
    }
}
