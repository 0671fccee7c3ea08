import Foundation

/// What a displayed expression shows, in the report and the run record: text, a table, a
/// figure, or several of them.
///
/// It is Codable as plain JSON (`{"kind": "table", "columns": […], "rows": […]}`) with numbers
/// kept as JSON numbers, so tools can read metrics from the run record.
public enum DisplayValue: Hashable, Sendable, Codable {
    /// Plain text.
    case text(String)
    /// A table of numbers and text.
    case table(DisplayTable)
    /// An image.
    case figure(DisplayFigure)
    /// Several values shown one after another.
    case list([DisplayValue])

    private enum CodingKeys: String, CodingKey {
        case kind, text, table, figure, items
    }

    /// Reads the `{"kind": …}` form `encode(to:)` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "text": self = .text(try container.decode(String.self, forKey: .text))
        case "table": self = .table(try container.decode(DisplayTable.self, forKey: .table))
        case "figure": self = .figure(try container.decode(DisplayFigure.self, forKey: .figure))
        case "list": self = .list(try container.decode([DisplayValue].self, forKey: .items))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: Self.unknownKind(other))
        }
    }

    /// Writes `{"kind": "text", "text": …}` and the like.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let text):
            try container.encode("text", forKey: .kind)
            try container.encode(text, forKey: .text)
        case .table(let table):
            try container.encode("table", forKey: .kind)
            try container.encode(table, forKey: .table)
        case .figure(let figure):
            try container.encode("figure", forKey: .kind)
            try container.encode(figure, forKey: .figure)
        case .list(let items):
            try container.encode("list", forKey: .kind)
            try container.encode(items, forKey: .items)
        }
    }
}

/// A table: column names and rows of cells, numbers kept as numbers.
public struct DisplayTable: Hashable, Sendable, Codable {
    /// A cell: a number or text.
    public enum Cell: Hashable, Sendable, Codable {
        /// A number, written as a JSON number.
        case number(Double)
        /// Text, written as a JSON string.
        case text(String)

        /// Reads a JSON number or string.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        /// Writes a JSON number or string.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    /// The column names.
    public var columns: [String]
    /// The rows, each with one cell per column.
    public var rows: [[Cell]]

    /// Creates a table.
    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// A figure: a PNG or SVG image with a caption.
public struct DisplayFigure: Hashable, Sendable, Codable {
    /// The image data.
    public enum Image: Hashable, Sendable {
        /// PNG bytes (base64 in JSON).
        case png(Data)
        /// SVG text.
        case svg(String)
    }

    /// The image.
    public var image: Image
    /// A line under the figure.
    public var caption: String
    /// A short title, also the stem of the figure's own file (`Reconstructions` → `reconstructions.png`).
    public var title: String
    /// For an image grid, its row and column labels and where they go; the labels are text in the
    /// report rather than pixels in the PNG, so they stay sharp and selectable.
    public var grid: GridLabels?

    /// Creates a figure.
    public init(image: Image, caption: String, title: String = "", grid: GridLabels? = nil) {
        self.image = image
        self.caption = caption
        self.title = title
        self.grid = grid
    }

    private enum CodingKeys: String, CodingKey {
        case kind, png, svg, caption, title, grid
    }

    /// Reads `{"kind": "png", "png": base64, "caption": …}` or the SVG form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        caption = try container.decode(String.self, forKey: .caption)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        grid = try container.decodeIfPresent(GridLabels.self, forKey: .grid)
        if try container.decode(String.self, forKey: .kind) == "png" {
            image = .png(try container.decode(Data.self, forKey: .png))
        } else {
            image = .svg(try container.decode(String.self, forKey: .svg))
        }
    }

    /// Writes the kind, the image and the caption.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch image {
        case .png(let data):
            try container.encode("png", forKey: .kind)
            try container.encode(data, forKey: .png)
        case .svg(let text):
            try container.encode("svg", forKey: .kind)
            try container.encode(text, forKey: .svg)
        }
        try container.encode(caption, forKey: .caption)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(grid, forKey: .grid)
    }
}

/// Where an image grid's rows and columns are, as fractions of the image's size, with their labels.
public struct GridLabels: Hashable, Sendable, Codable {
    /// One label per row (top to bottom), or empty.
    public var rows: [String]
    /// The vertical centre of each row, from 0 (top) to 1 (bottom).
    public var rowCenters: [Double]
    /// One label per column (left to right), or empty.
    public var columns: [String]
    /// The horizontal centre of each column, from 0 (left) to 1 (right).
    public var columnCenters: [Double]
    /// The image's size in pixels, to show it at whole-number zoom.
    public var width: Int, height: Int
    /// Whether the columns are the steps of an interpolation, which the report lets the reader
    /// step through with a slider.
    public var interpolates: Bool

    /// Creates grid labels.
    public init(
        rows: [String], rowCenters: [Double], columns: [String], columnCenters: [Double], width: Int, height: Int,
        interpolates: Bool = false
    ) {
        self.rows = rows
        self.rowCenters = rowCenters
        self.columns = columns
        self.columnCenters = columnCenters
        self.width = width
        self.height = height
        self.interpolates = interpolates
    }

    private enum CodingKeys: String, CodingKey {
        case rows, rowCenters, columns, columnCenters, width, height, interpolates
    }

    /// Reads the labels; `interpolates` is absent from records written before it existed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rows = try container.decode([String].self, forKey: .rows)
        rowCenters = try container.decode([Double].self, forKey: .rowCenters)
        columns = try container.decode([String].self, forKey: .columns)
        columnCenters = try container.decode([Double].self, forKey: .columnCenters)
        width = try container.decode(Int.self, forKey: .width)
        height = try container.decode(Int.self, forKey: .height)
        interpolates = try container.decodeIfPresent(Bool.self, forKey: .interpolates) ?? false
    }
}
