#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads CSV tables of numeric features and a label column (plain or gzip-compressed, as
/// scikit-learn's `digits.csv.gz`), streaming the text so it is never held whole.
///
/// The text may be at most half the memory budget: its features can take twice its bytes (a
/// one-digit cell and its comma become a 4-byte float). A plain file's size is checked before
/// reading it; a compressed one stops inflating one byte past the limit.
public enum CSVReader {
    /// What checking a notebook needs of the table at `path`: its columns, features, classes and
    /// row count. One pass that checks every row's field count but converts no number.
    public static func schema(
        path: String, options: CSVOptions, memoryBudget: Int = IDXReader.defaultMemoryBudget
    ) throws -> CSVSchema {
        var scan = try CSVScan(tokenizer: try tokenizer(path: path, memoryBudget: memoryBudget), options: options)
        while try scan.nextRow() {}
        return scan.schema()
    }

    /// Reads the table at `path`: every row's features as Float32 and its class.
    public static func read(
        path: String, options: CSVOptions, memoryBudget: Int = IDXReader.defaultMemoryBudget
    ) throws -> CSVTable {
        try read(try tokenizer(path: path, memoryBudget: memoryBudget), options: options)
    }

    /// Reads the table whose whole text is `bytes`, read from `path` (named in errors).
    public static func decode(_ bytes: [UInt8], path: String, options: CSVOptions) throws -> CSVTable {
        try read(CSVTokenizer(path: path, first: bytes) { [] }, options: options)
    }

    /// Reads every row of `tokenizer`'s text.
    private static func read(_ tokenizer: CSVTokenizer, options: CSVOptions) throws -> CSVTable {
        var scan = try CSVScan(tokenizer: tokenizer, options: options)
        var features: [Float] = []
        while try scan.nextRow() {
            try appendFeatures(of: scan, to: &features)
        }
        let (classNames, labels) = scan.classes()
        return CSVTable(
            path: tokenizer.path, featureNames: scan.featureColumns.map { scan.columns[$0] }, classNames: classNames,
            features: features, labels: labels)
    }

    /// Appends the feature cells of `scan`'s current row to `features`, each one a finite number.
    private static func appendFeatures(of scan: CSVScan, to features: inout [Float]) throws {
        let row = scan.tokenizer
        try row.bytes.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            for column in scan.featureColumns {
                switch parse((base + row.starts[column]).assumingMemoryBound(to: CChar.self)) {
                case .number(let value):
                    features.append(value)
                case .empty:
                    throw DatasetError.csvEmptyCell(path: row.path, line: row.line, column: scan.columns[column])
                case .notNumber:
                    throw DatasetError.csvNotANumber(
                        path: row.path, line: row.line, column: scan.columns[column],
                        text: String(decoding: row.field(column).prefix(DatasetError.quotedCellLimit), as: UTF8.self))
                }
            }
        }
    }

    /// What one cell holds.
    enum Cell: Equatable {
        case number(Float)
        case empty
        case notNumber
    }

    /// The cell at `text`, a NUL-terminated field: a finite decimal number (as Python's `float`
    /// reads it, spaces around it allowed), nothing but spaces, or anything else. Hexadecimal,
    /// `nan` and `inf`, which C's `strtof` would take, are not numbers here.
    static func parse(_ text: UnsafePointer<CChar>) -> Cell {
        var start = text
        while start.pointee == 0x20 || start.pointee == 0x09 { start += 1 }
        guard start.pointee != 0 else { return .empty }
        var scan = start
        while scan.pointee != 0 {
            guard decimalCharacters[Int(UInt8(bitPattern: scan.pointee))] else { return .notNumber }
            scan += 1
        }
        // C's locale, which nb never changes: a program starts in it, whose decimal point is '.'.
        // (In a locale with a decimal comma, "1.5" would stop at '.' and be refused, never misread.)
        var end: UnsafeMutablePointer<CChar>?
        let value = strtof(start, &end)
        guard let stop = end, var rest = Optional(UnsafePointer(stop)), rest != start, value.isFinite else {
            return .notNumber
        }
        while rest.pointee == 0x20 || rest.pointee == 0x09 { rest += 1 }
        return rest.pointee == 0 ? .number(value) : .notNumber
    }

    /// The bytes a decimal number (with spaces around it) may hold.
    private static let decimalCharacters: [Bool] = (0..<256).map {
        Array("0123456789+-.eE \t".utf8).contains(UInt8($0))
    }

    /// A tokenizer over the file at `path`, inflated if gzip-compressed, refusing a text over
    /// half of `memoryBudget`.
    static func tokenizer(path: String, memoryBudget: Int) throws -> CSVTokenizer {
        let file = try GzipFile(path: path)
        let limit = memoryBudget / 2
        if !file.isCompressed && file.storedBytes > limit {
            throw DatasetError.csvOverBudget(
                path: path, textBytes: file.storedBytes, limitBytes: limit, compressed: false)
        }
        let next = {
            let piece = try file.read(upToCount: min(GzipFile.chunkSize, limit + 1 - file.deliveredBytes))
            guard file.deliveredBytes <= limit else {
                throw DatasetError.csvOverBudget(
                    path: path, textBytes: file.deliveredBytes, limitBytes: limit, compressed: file.isCompressed)
            }
            return piece
        }
        return CSVTokenizer(path: path, first: try next(), nextPiece: next)
    }
}
