import Runner

/// One or more figures a comparison produced (loss curves come as two charts).
public final class FigureValue: DomainValue {
    /// Values of this class are `Figure`s.
    public static let valueType = ValueType.figure
    /// The figures, shown one after another.
    public let figures: [DisplayFigure]

    /// Wraps figures.
    public init(_ figures: [DisplayFigure]) { self.figures = figures }

    /// The figures themselves.
    public func summary() -> DisplayValue {
        figures.count == 1 ? .figure(figures[0]) : .list(figures.map(DisplayValue.figure))
    }
}

/// A table a comparison produced.
public final class TableValue: DomainValue {
    /// Values of this class are `Table`s.
    public static let valueType = ValueType.table
    /// The rows and columns.
    public let table: DisplayTable

    /// Wraps a table.
    public init(_ table: DisplayTable) { self.table = table }

    /// The table itself.
    public func summary() -> DisplayValue { .table(table) }
}
