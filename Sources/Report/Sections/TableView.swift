import Runner

/// A table of numbers and text: numeric columns right-aligned in tabular figures, each column's
/// numbers to one precision (`TableNumberFormat`), in a box that scrolls sideways on a phone.
struct TableView {
    /// The table.
    var table: DisplayTable
    /// The same table in the last run, when its values changed: each number that differs shows
    /// the old one on hover and a ▲ or ▼ with the difference.
    var previous: DisplayTable? = nil

    /// From this many columns a table is `wide`.
    static let wideColumns = 7
    /// A text cell this long makes a table `wide` too: a layer's PyTorch form in a summary
    /// (`MaxPool2d(kernel_size=2, stride=2, …)`) leaves a phone's column no room for the numbers.
    static let wideText = 40

    /// Whether the table becomes cards of label: value on a phone.
    private var isWide: Bool {
        table.columns.count >= Self.wideColumns
            || table.rows.joined().contains { cell in
                if case .text(let text) = cell { text.count >= Self.wideText } else { false }
            }
    }

    /// The name of `column`, which a wide table's cells carry for the phone's card layout.
    private func label(_ column: Int, wide: Bool) -> String? {
        wide && column < table.columns.count ? table.columns[column] : nil
    }

    /// Text cells that stand for a missing number and do not make a column textual.
    private static let placeholders: Set<String> = ["", "–", "—", "-"]

    /// Writes the table.
    func render(into html: inout HTMLBuilder) {
        let formats = table.columns.indices.map(format(ofColumn:))
        let wide = isWide
        html.open("div", ["class": "table-scroll"])
        // A table this wide does not fit a phone: there each row becomes a card of label: value.
        html.open("table", ["class": wide ? "data wide" : "data"])
        html.wrap("thead") { html in
            html.wrap("tr") { html in
                for (column, name) in table.columns.enumerated() {
                    html.element("th", ["scope": "col", "class": formats[column] == nil ? nil : "number"], text: name)
                }
            }
        }
        html.open("tbody")
        let old = previous.map { PreviousCells($0, matching: table) }
        for (rowIndex, row) in table.rows.enumerated() {
            html.open("tr")
            for (column, cell) in row.enumerated() {
                let format = column < formats.count ? formats[column] : nil
                switch cell {
                case .number(let value):
                    let cellFormat = format ?? TableNumberFormat(column: [value])
                    let text = cellFormat.string(value)
                    let change = old?.number(row: rowIndex, column: column).flatMap {
                        NumberChange(
                            old: $0, new: value, oldText: cellFormat.string($0), newText: text, format: cellFormat)
                    }
                    html.open(
                        "td",
                        [
                            "class": change == nil ? "number" : "number changed", "title": change?.title,
                            "data-label": label(column, wide: wide),
                        ])
                    html.write(text)
                    change?.render(into: &html)
                    html.close()
                case .text(let text):
                    html.element(
                        "td", ["class": format == nil ? nil : "number", "data-label": label(column, wide: wide)],
                        text: text)
                }
            }
            html.close()
        }
        html.close()
        html.close()
        html.close()
    }

    /// The number format of a column with a number and otherwise only placeholders, or nil for
    /// a column of text.
    func format(ofColumn column: Int) -> TableNumberFormat? {
        var numbers: [Double] = []
        for row in table.rows where column < row.count {
            switch row[column] {
            case .number(let value): numbers.append(value)
            case .text(let text): if !Self.placeholders.contains(text) { return nil }
            }
        }
        return numbers.isEmpty ? nil : TableNumberFormat(column: numbers)
    }
}
