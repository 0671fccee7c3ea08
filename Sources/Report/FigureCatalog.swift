import Runner

/// Every figure the report shows, in page order, with the file name it is also written under:
/// a slug of its title (`Latent map MLP VAE` → `latent-map-mlp-vae.svg`), made unique with
/// `-2`, `-3`…, and `.png` for image grids, `.svg` for charts.
struct FigureCatalog {
    /// A figure and its file name.
    struct Entry {
        /// The figure.
        var figure: DisplayFigure
        /// Its file name in `Output/<notebook>/`.
        var fileName: String
    }

    /// The figures in page order.
    private(set) var entries: [Entry] = []
    /// The indices in `entries` of each statement's figures.
    private var statementEntries: [Int: Range<Int>] = [:]

    /// Catalogues the figures of `statements`, each display walked depth-first.
    init(statements: [StatementRecord]) {
        var names = SlugSet()
        for statement in statements {
            guard let display = statement.display else { continue }
            let first = entries.count
            for figure in Self.figures(in: display) {
                let stem = names.unique(Slug.make(figure.title, fallback: "figure"))
                entries.append(Entry(figure: figure, fileName: stem + Self.fileExtension(of: figure.image)))
            }
            statementEntries[statement.index] = first..<entries.count
        }
    }

    /// The file name of the `ordinal`-th figure (from 0) of statement `index`, or nil if it has none.
    func fileName(statement index: Int, ordinal: Int) -> String? {
        guard let range = statementEntries[index], ordinal >= 0, ordinal < range.count else { return nil }
        return entries[range.lowerBound + ordinal].fileName
    }

    /// The figures in `value`, depth-first.
    static func figures(in value: DisplayValue) -> [DisplayFigure] {
        switch value {
        case .figure(let figure): [figure]
        case .list(let items): items.flatMap(figures(in:))
        case .text, .table: []
        }
    }

    private static func fileExtension(of image: DisplayFigure.Image) -> String {
        switch image {
        case .png: ".png"
        case .svg: ".svg"
        }
    }
}
