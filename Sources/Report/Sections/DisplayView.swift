import Runner

/// What a displayed statement produced: text, tables and figures, in order.
struct DisplayView {
    /// The figures' file names.
    var catalog: FigureCatalog
    /// Where the figure files are, relative to the page.
    var figureDirectory: String
    /// The statement's index in the record, to find its figures' files.
    var statement: Int
    /// Whether the statement's value is a number (`Int` or `Float`), shown as text.
    var numeric = false

    /// Writes `value`; `ordinal` counts the statement's figures so far, in the catalog's order.
    /// `previous` is what the last run showed in its place when that differs, to mark changes.
    func render(_ value: DisplayValue, previous: DisplayValue? = nil, ordinal: inout Int, into html: inout HTMLBuilder)
    {
        switch value {
        case .text(let text):
            guard case .text(let old)? = previous,
                let change = NumberChange.between(old: old, new: text, numeric: numeric)
            else {
                html.element("p", ["class": "output-text"], text: text)
                return
            }
            html.wrap("p", ["class": "output-text changed", "title": change.title]) { html in
                html.write(text)
                change.render(into: &html)
            }
        case .table(let table):
            guard case .table(let old)? = previous else {
                TableView(table: table).render(into: &html)
                return
            }
            TableView(table: table, previous: old).render(into: &html)
        case .figure(let figure):
            let fileName = catalog.fileName(statement: statement, ordinal: ordinal)
            ordinal += 1
            let failure = catalog.failure(statement: statement, ordinal: ordinal - 1)
            FigureView(figure: figure, file: fileName.map { figureDirectory + $0 }, failure: failure)
                .render(into: &html)
        case .list(let items):
            // The last run's items are matched by place when it showed as many.
            var old: [DisplayValue?] = Array(repeating: nil, count: items.count)
            if case .list(let previousItems)? = previous, previousItems.count == items.count {
                old = previousItems
            }
            for (item, previous) in zip(items, old) { render(item, previous: previous, ordinal: &ordinal, into: &html) }
        }
    }
}
