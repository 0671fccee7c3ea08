/// A displayed value as plain text for a terminal: tables in aligned columns, numbers right-aligned
/// with thousands separators, figures by their title.
extension DisplayValue {
    /// The value as lines of plain text.
    public var plainText: String {
        switch self {
        case .text(let text): text
        case .table(let table): table.plainText
        case .figure(let figure): "[\(figure.title.isEmpty ? figure.caption : figure.title)]"
        case .list(let items): items.map(\.plainText).joined(separator: "\n")
        }
    }
}

extension DisplayTable {
    /// The table in aligned columns, two spaces apart, under its column names.
    public var plainText: String {
        let cells = rows.map { row in
            row.map { cell -> (text: String, isNumber: Bool) in
                switch cell {
                case .text(let text): (text, false)
                case .number(let number):
                    (number == number.rounded() && abs(number) < 1e15 ? Int(number).formatted() : "\(number)", true)
                }
            }
        }
        let widths = columns.indices.map { column in
            ([columns[column].count] + cells.map { column < $0.count ? $0[column].text.count : 0 }).max() ?? 0
        }
        func line(_ texts: [(text: String, isNumber: Bool)]) -> String {
            texts.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[min(column, widths.count - 1)] - cell.text.count))
                return cell.isNumber ? pad + cell.text : cell.text + pad
            }
            .joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        return ([line(columns.map { ($0, false) })] + cells.map(line)).joined(separator: "\n")
    }
}
