import Foundation
import Runner

/// Every figure the report shows, in page order, with the file name it is also written under:
/// a slug of its title (`Latent map MLP VAE` → `latent-map-mlp-vae.svg`), made unique with
/// `-2`, `-3`…, and `.png` for image grids, `.svg` for charts. A slug longer than
/// `longestStem` is cut and ends with a hash of the whole, so a 300-character model name never
/// makes a name the file system refuses (255 bytes).
struct FigureCatalog {
    /// The longest file name before `-2` and the extension: 64 ASCII bytes.
    static let longestStem = 64
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
                let stem = names.unique(Self.bounded(Slug.make(figure.title, fallback: "figure")))
                entries.append(Entry(figure: figure, fileName: stem + Self.fileExtension(of: figure.image)))
            }
            statementEntries[statement.index] = first..<entries.count
        }
    }

    /// The figures whose files could not be written, by file name, with why: the page still
    /// shows them (they are inline) and says so in place of their download link.
    var unwritten: [String: ReportError] = [:]

    /// `slug`, or when longer than `longestStem` its first 55 bytes, `-` and 8 hex digits of
    /// its SHA-256, so that two long titles differing only at the end still get two files.
    static func bounded(_ slug: String) -> String {
        guard slug.utf8.count > longestStem else { return slug }
        let hash = SHA256.hash(Data(slug.utf8)).prefix(4).map { String(format: "%02x", $0) }.joined()
        var head = String(slug.prefix(longestStem - hash.count - 1))
        while head.hasSuffix("-") { head.removeLast() }
        return head + "-" + hash
    }

    /// Why the `ordinal`-th figure of statement `index` has no file, or nil if it has one.
    func failure(statement index: Int, ordinal: Int) -> ReportError? {
        fileName(statement: index, ordinal: ordinal).flatMap { unwritten[$0] }
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
