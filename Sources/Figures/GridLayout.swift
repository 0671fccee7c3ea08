/// A rectangle of whole pixels; `x`, `y` is the top-left corner.
public struct PixelRect: Sendable, Equatable {
    /// Left edge.
    public let x: Int
    /// Top edge.
    public let y: Int
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int

    /// The rectangle with the given corner and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Horizontal centre, where a column label is centred.
    public var midX: Double { Double(x) + Double(width) / 2 }
    /// Vertical centre, where a row label is centred.
    public var midY: Double { Double(y) + Double(height) / 2 }
}

/// Where an image grid put everything, in pixels of its bitmap, so labels can be placed
/// around it (the PNG itself carries no text: there is no font library).
public struct GridLayout: Sendable, Equatable {
    /// Bitmap width.
    public let width: Int
    /// Bitmap height.
    public let height: Int
    /// One rectangle per image, in image order (row by row).
    public let cells: [PixelRect]
    /// Per row, the band its cells span (left of the first cell to right of the last column).
    public let rows: [PixelRect]
    /// Per column, the band its cells span (top of the first row to bottom of the last).
    public let columns: [PixelRect]
    /// Per row, the tint bar left of it, or `nil` where the row has no tint.
    public let tintBars: [PixelRect?]

    /// The layout of `imageCount` images of `cellWidth × cellHeight` pixels in `columns`
    /// columns, `gap` pixels apart, after an optional tint bar of `tintWidth` pixels and a gap.
    init(
        imageCount: Int, columnCount columns: Int, cellWidth: Int, cellHeight: Int, gap: Int, tints: [Bool]?,
        tintWidth: Int
    ) {
        let rowCount = (imageCount + columns - 1) / columns
        let usedColumns = min(columns, imageCount)
        let columnStep = cellWidth + gap
        let rowStep = cellHeight + gap
        let left = tints == nil ? 0 : tintWidth + gap
        let totalWidth = left + usedColumns * columnStep - gap
        let totalHeight = rowCount * rowStep - gap
        width = totalWidth
        height = totalHeight
        cells = (0..<imageCount).map { index in
            PixelRect(
                x: left + index % columns * columnStep, y: index / columns * rowStep, width: cellWidth,
                height: cellHeight)
        }
        rows = (0..<rowCount).map { row in
            PixelRect(x: left, y: row * rowStep, width: totalWidth - left, height: cellHeight)
        }
        self.columns = (0..<usedColumns).map { column in
            PixelRect(x: left + column * columnStep, y: 0, width: cellWidth, height: totalHeight)
        }
        tintBars = (0..<rowCount).map { row in
            guard let tints, tints[row] else { return nil }
            return PixelRect(x: 0, y: row * rowStep, width: tintWidth, height: cellHeight)
        }
    }
}
