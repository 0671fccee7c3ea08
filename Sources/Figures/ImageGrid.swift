/// Grey or colour images in [0, 1] laid out in rows and columns, upscaled by whole numbers with
/// nearest-neighbour sampling, to show digits, reconstructions and interpolations.
///
/// A value of 0 is black and 1 is white (MNIST's ink is 1); values outside [0, 1] are clamped
/// and NaN is drawn black. Colour images are planar, as PyTorch holds them (C×H×W): all red
/// values, then all green, then all blue. Cells are separated by gaps of `gapColor`, which should
/// differ from black so that cell edges stay visible. Labels are not drawn into the bitmap;
/// `layout` says where rows and columns are, and `svg(title:description:)` wraps the PNG with
/// text labels.
public struct ImageGrid: Sendable {
    /// Width of a row's tint bar, in source pixels (drawn `scale` times wider).
    public static let tintWidth = 3

    /// All images' pixels, image after image, each `channels × imageHeight × imageWidth` row-major.
    public let images: [Float]
    /// Channels per image: 1 for grey, 3 for red, green and blue planes.
    public let channels: Int
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

    /// A grid of the images in `images` (each `channels × imageHeight × imageWidth`), `columns` per row.
    public init(
        images: [Float], imageWidth: Int, imageHeight: Int, channels: Int = 1, columns: Int, scale: Int = 1,
        gap: Int = 2, gapColor: RGBColor = .white, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
        rowTints: [RGBColor?]? = nil
    ) throws(FigureError) {
        let imageSize = try Self.valuesPerImage(
            channels: channels, width: imageWidth, height: imageHeight, valueCount: images.count)
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
        // In Double so that an absurd size, gap or scale is reported instead of overflowing.
        let width = (Double(Self.tintWidth) + Double(usedColumns) * (Double(imageWidth) + Double(gap))) * Double(scale)
        let height = Double(rowCount) * (Double(imageHeight) + Double(gap)) * Double(scale)
        guard width * height <= Double(PNGReader.maximumPixelCount) else {
            throw .imageTooLarge(width: Int(exactly: width) ?? .max, height: Int(exactly: height) ?? .max)
        }
        self.images = images
        self.channels = channels
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
        rows: [[Float]], imageWidth: Int, imageHeight: Int, channels: Int = 1, scale: Int = 1, gap: Int = 2,
        gapColor: RGBColor = .white, rowLabels: [String]? = nil, columnLabels: [String]? = nil,
        rowTints: [RGBColor?]? = nil
    ) throws(FigureError) {
        let imageSize = try Self.valuesPerImage(
            channels: channels, width: imageWidth, height: imageHeight, valueCount: rows.first?.count ?? 0)
        let first = rows[0]
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw .raggedGridRow(row: index, expected: first.count / imageSize, actual: row.count / imageSize)
        }
        try self.init(
            images: Array(rows.joined()), imageWidth: imageWidth, imageHeight: imageHeight, channels: channels,
            columns: first.count / imageSize, scale: scale, gap: gap, gapColor: gapColor, rowLabels: rowLabels,
            columnLabels: columnLabels, rowTints: rowTints)
    }

    /// The values in one image of `channels × height × width`, after checking that the size is
    /// drawable and that `valueCount` (at least 1) is a whole number of such images.
    private static func valuesPerImage(channels: Int, width: Int, height: Int, valueCount: Int) throws(FigureError)
        -> Int
    {
        guard width >= 1, height >= 1 else { throw .invalidImageSize(width: width, height: height) }
        guard channels == 1 || channels == 3 else { throw .unsupportedChannelCount(channels) }
        guard valueCount > 0 else { throw .emptyGrid }
        // An image size that overflows is larger than any buffer, so no count is a multiple of it.
        let (plane, planeOverflows) = width.multipliedReportingOverflow(by: height)
        let (size, sizeOverflows) = plane.multipliedReportingOverflow(by: channels)
        guard !planeOverflows, !sizeOverflows, valueCount % size == 0 else {
            throw .partialGridImage(valueCount: valueCount, channels: channels, imageWidth: width, imageHeight: height)
        }
        return size
    }

    /// Where every cell, row, column and tint bar lies in the rendered bitmap.
    public var layout: GridLayout {
        GridLayout(
            imageCount: imageCount, columnCount: columns, cellWidth: imageWidth * scale,
            cellHeight: imageHeight * scale,
            gap: gap * scale, tints: rowTints.map { $0.map { $0 != nil } }, tintWidth: Self.tintWidth * scale)
    }

    /// The grid as pixels: grayscale when the images are grey, there are no tints and the gap
    /// colour is a gray, RGB otherwise.
    public func render() -> Bitmap {
        let layout = self.layout
        let format: PixelFormat = channels == 1 && rowTints == nil && gapColor.isGray ? .gray : .rgb
        let bytesPerPixel = format.channels
        let rowBytes = layout.width * bytesPerPixel
        var pixels = [UInt8](repeating: 0, count: layout.height * rowBytes)
        pixels.withUnsafeMutableBufferPointer { output in
            guard let out = output.baseAddress else { return }
            Self.fill(
                out, bytesPerRow: rowBytes, PixelRect(x: 0, y: 0, width: layout.width, height: layout.height), gapColor,
                bytesPerPixel)
            for (row, bar) in layout.tintBars.enumerated() {
                if let bar, let tint = rowTints?[row] {
                    Self.fill(out, bytesPerRow: rowBytes, bar, tint, bytesPerPixel)
                }
            }
            images.withUnsafeBufferPointer { source in
                guard let images = source.baseAddress else { return }
                let imageSize = channels * imageHeight * imageWidth
                for (index, cell) in layout.cells.enumerated() {
                    draw(
                        images + index * imageSize, at: out + cell.y * rowBytes + cell.x * bytesPerPixel,
                        rowBytes: rowBytes, bytesPerPixel: bytesPerPixel)
                }
            }
        }
        return Bitmap(validatedWidth: layout.width, height: layout.height, format: format, pixels: pixels)
    }

    /// Draws `image` (`channels × imageHeight × imageWidth`, planar) with its top-left pixel at
    /// `corner`. Each source row is expanded once into the first of its `scale` output rows, then
    /// copied into the others; grey images fill every byte of a pixel with their one sample.
    private func draw(
        _ image: UnsafePointer<Float>, at corner: UnsafeMutablePointer<UInt8>, rowBytes: Int, bytesPerPixel: Int
    ) {
        let plane = imageHeight * imageWidth
        let blockBytes = scale * bytesPerPixel
        for sourceY in 0..<imageHeight {
            let row = image + sourceY * imageWidth  // red (or grey) row; green is `plane` on, blue `2 * plane`
            let first = corner + sourceY * scale * rowBytes
            var target = first
            if channels == 1 {
                for sourceX in 0..<imageWidth {
                    target.update(repeating: Self.byte(row[sourceX]), count: blockBytes)
                    target += blockBytes
                }
            } else {
                for sourceX in 0..<imageWidth {
                    let red = Self.byte(row[sourceX])
                    let green = Self.byte(row[plane + sourceX])
                    let blue = Self.byte(row[2 * plane + sourceX])
                    for _ in 0..<scale {
                        target[0] = red
                        target[1] = green
                        target[2] = blue
                        target += 3
                    }
                }
            }
            for copy in 1..<scale { (first + copy * rowBytes).update(from: first, count: imageWidth * blockBytes) }
        }
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
