import Runner

/// The last run's numbers of a table, found for this run's cells by row label and column name.
///
/// A row whose first cell is text is labelled by its first cells, as few as tell the table's rows
/// apart: a model's name in a table of metrics, a layer's in a summary, and in a sweep's
/// comparison, where every row names the same model, the name and the setting (`MLP VAE`, `0.5`),
/// so a setting added to the sweep is a new row rather than shifting the others. A row of numbers
/// alone is labelled by its position. A column is labelled by its name, and by its count when the
/// name repeats. A row or column that is new has no old number.
struct PreviousCells {
    private var numbers: [String: Double] = [:]
    private let rows: [String]
    private let columns: [String]

    /// The numbers of `previous`, to look up by the cells of `current`.
    init(_ previous: DisplayTable, matching current: DisplayTable) {
        let width = Self.labelWidth(current)
        let oldRows = Self.rowLabels(previous, width: width)
        let oldColumns = Self.counted(previous.columns)
        for (row, cells) in previous.rows.enumerated() {
            for (column, cell) in cells.enumerated() where column < oldColumns.count {
                if case .number(let value) = cell { numbers[oldRows[row] + "\u{0}" + oldColumns[column]] = value }
            }
        }
        rows = Self.rowLabels(current, width: width)
        columns = Self.counted(current.columns)
    }

    /// The last run's number at this run's `row` and `column`, if it had one there.
    func number(row: Int, column: Int) -> Double? {
        guard row < rows.count, column < columns.count else { return nil }
        return numbers[rows[row] + "\u{0}" + columns[column]]
    }

    /// How many first cells tell apart `table`'s rows that start with text, or nil when no
    /// number of them does.
    private static func labelWidth(_ table: DisplayTable) -> Int? {
        let labelled = table.rows.filter { if case .text? = $0.first { true } else { false } }
        let longest = labelled.map(\.count).max() ?? 0
        guard longest > 0 else { return nil }
        return (1...longest).first { width in
            let labels = labelled.map { label(of: $0, width: width) }
            return Set(labels).count == labels.count
        }
    }

    /// Each row's label: its first `width` cells when it starts with text, else its position;
    /// with no `width`, its first cell and its count.
    private static func rowLabels(_ table: DisplayTable, width: Int?) -> [String] {
        counted(
            table.rows.enumerated().map { index, row in
                guard case .text? = row.first else { return "row:\(index)" }
                return label(of: row, width: width ?? 1)
            })
    }

    private static func label(of row: [DisplayTable.Cell], width: Int) -> String {
        row.prefix(width).map { cell in
            switch cell {
            case .text(let text): "text:" + text
            case .number(let number): "number:\(number)"
            }
        }
        .joined(separator: "\u{0}")
    }

    /// Each name with how many times it came before: `loss`, `loss#1`.
    private static func counted(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return names.map { name in
            let count = seen[name, default: 0]
            seen[name] = count + 1
            return count == 0 ? name : name + "#\(count)"
        }
    }
}
