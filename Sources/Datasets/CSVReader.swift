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
        while isSpace(start.pointee) { start += 1 }
        guard start.pointee != 0 else { return .empty }
        if let value = shortDecimal(start) { return .number(value) }
        var scan = start
        while scan.pointee != 0 {
            guard isDecimalCharacter(scan.pointee) else { return .notNumber }
            scan += 1
        }
        // C's locale, which nb never changes: a program starts in it, whose decimal point is '.'.
        // (In a locale with a decimal comma, "1.5" would stop at '.' and be refused, never misread.)
        var end: UnsafeMutablePointer<CChar>?
        let value = strtof(start, &end)
        guard let stop = end, UnsafePointer(stop) != start, value.isFinite else { return .notNumber }
        var rest = UnsafePointer(stop)
        while isSpace(rest.pointee) { rest += 1 }
        return rest.pointee == 0 ? .number(value) : .notNumber
    }

    /// The value of `text` when it is a plain decimal (a sign, digits, a point) of at most 2^24 as
    /// an integer and at most 10 digits after the point, with only spaces after it: exactly the
    /// Float `strtof` gives, from one correctly rounded division of two Floats that hold their
    /// values exactly (Clinger's fast path), at a fraction of its cost. Nil for anything else.
    @inline(__always)
    private static func shortDecimal(_ text: UnsafePointer<CChar>) -> Float? {
        var scan = text
        let negative = scan.pointee == 0x2D
        if negative || scan.pointee == 0x2B { scan += 1 }
        var mantissa: UInt32 = 0
        var digits = 0
        var fractionDigits = -1
        while true {
            let byte = UInt8(bitPattern: scan.pointee)
            if byte &- 0x30 < 10 {
                mantissa = mantissa * 10 + UInt32(byte &- 0x30)
                guard mantissa < 1 << 24 else { return nil }
                digits += 1
                if fractionDigits >= 0 { fractionDigits += 1 }
            } else if byte == 0x2E, fractionDigits < 0 {
                fractionDigits = 0
            } else {
                break
            }
            scan += 1
        }
        while isSpace(scan.pointee) { scan += 1 }
        guard digits > 0, scan.pointee == 0, fractionDigits <= 10 else { return nil }
        let magnitude = Float(mantissa) / powerOfTen(max(fractionDigits, 0))
        return negative ? -magnitude : magnitude
    }

    /// 10^`exponent` for 0 through 10, each exact in a Float (5^10 < 2^24).
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Float {
        switch exponent {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        default: 1e10
        }
    }

    /// Whether `character` is a space or a tab.
    @inline(__always)
    private static func isSpace(_ character: CChar) -> Bool { character == 0x20 || character == 0x09 }

    /// Whether `character` may appear in a decimal number with spaces around it: `0-9 + - . e E`.
    private static func isDecimalCharacter(_ character: CChar) -> Bool {
        switch UInt8(bitPattern: character) {
        case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x45, 0x65, 0x20, 0x09: true
        default: false
        }
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
