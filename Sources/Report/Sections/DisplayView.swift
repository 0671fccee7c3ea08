import Runner

/// What a displayed statement produced: text, tables and figures, in order.
struct DisplayView {
    /// The figures' file names.
    var catalog: FigureCatalog
    /// Where the figure files are, relative to the page.
    var figureDirectory: String
    /// The statement's index in the record, to find its figures' files.
    var statement: Int

    /// Writes `value`; `ordinal` counts the statement's figures so far, in the catalog's order.
    func render(_ value: DisplayValue, ordinal: inout Int, into html: inout HTMLBuilder) {
        switch value {
        case .text(let text):
            html.element("p", ["class": "output-text"], text: text)
        case .table(let table):
            TableView(table: table).render(into: &html)
        case .figure(let figure):
            let fileName = catalog.fileName(statement: statement, ordinal: ordinal)
            ordinal += 1
            let failure = catalog.failure(statement: statement, ordinal: ordinal - 1)
            FigureView(figure: figure, file: fileName.map { figureDirectory + $0 }, failure: failure)
                .render(into: &html)
        case .list(let items):
            for item in items { render(item, ordinal: &ordinal, into: &html) }
        }
    }
}
