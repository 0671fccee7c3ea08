/// Splits CSV text (RFC 4180) into rows of fields, pulling its bytes a piece at a time.
///
/// Hand-written because neither CSV parser on the package mirror reports a malformed file:
/// SwiftCSV 0.10.0 and CSV.swift 2.5.2 both read `"1,2⏎3,4⏎` (a quote never closed) as one
/// field holding the rest of the file, and CSV.swift keeps `"1"x` as a field too; both also
/// need the whole file as a `String` or go scalar by scalar (8 and 11 MB/s on a 4.8 MB table).
///
/// Fields are separated by commas and rows by LF, CRLF or a lone CR; a field in double quotes may
/// hold commas, line ends and `""` for one quote. A UTF-8 byte-order mark before the first row is
/// dropped, and blank lines are skipped (as pandas skips them). A quote inside an unquoted field
/// is kept as a character, as pandas keeps it.
struct CSVTokenizer {
    /// The path, for messages.
    let path: String
    /// The next piece of the text; empty at its end.
    private let nextPiece: () throws -> [UInt8]
    private var piece: [UInt8]
    private var position = 0
    private var ended = false
    /// The line the next row starts on, counting line ends inside quoted fields too.
    private var nextLine = 1

    /// The current row's fields, unquoted, each followed by a NUL (so C's number parser can
    /// read a field in place).
    private(set) var bytes: [UInt8] = []
    /// Where each field of the current row starts in `bytes`; its NUL ends it.
    private(set) var starts: [Int] = []
    /// The 1-based line of the text on which the current row starts.
    private(set) var line = 0

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Starts on the text whose first piece is `first`, then whatever `nextPiece` returns.
    init(path: String, first: [UInt8], nextPiece: @escaping () throws -> [UInt8]) {
        self.path = path
        self.nextPiece = nextPiece
        piece = first
        if first.starts(with: Self.byteOrderMark) { position = Self.byteOrderMark.count }
    }

    /// The number of fields in the current row.
    var fieldCount: Int { starts.count }

    /// The bytes of field `index` of the current row, without its NUL.
    func field(_ index: Int) -> ArraySlice<UInt8> {
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count - 1
        return bytes[starts[index]..<end]
    }

    /// Reads the next row into `bytes` and `starts`; false at the end of the text.
    mutating func nextRow() throws -> Bool {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        guard try skipBlankLines() else { return false }
        line = nextLine
        while true {
            starts.append(bytes.count)
            if try peek() == Self.quote {
                position += 1
                try readQuotedField()
            } else {
                try readPlainField()
            }
            bytes.append(0)
            let next = try peek()
            if next == Self.comma {
                position += 1
                continue
            }
            if let next, next != Self.lineFeed, next != Self.carriageReturn {
                throw DatasetError.csvTextAfterQuote(path: path, line: nextLine, field: starts.count)
            }
            try consumeLineEnd()
            return true
        }
    }

    /// Consumes empty lines; false if the text ends first.
    private mutating func skipBlankLines() throws -> Bool {
        while let next = try peek() {
            guard next == Self.lineFeed || next == Self.carriageReturn else { return true }
            try consumeLineEnd()
        }
        return false
    }

    /// Consumes one line end (LF, CRLF or CR), if one is next.
    private mutating func consumeLineEnd() throws {
        switch try peek() {
        case Self.carriageReturn:
            position += 1
            if try peek() == Self.lineFeed { position += 1 }
        case Self.lineFeed:
            position += 1
        default:
            return
        }
        nextLine += 1
    }

    /// Appends an unquoted field's bytes, up to the comma or line end after it.
    private mutating func readPlainField() throws {
        while try peek() != nil {
            // Whole runs of the piece at once: most fields are plain and short.
            let start = position
            position = piece.withUnsafeBufferPointer { piece in
                var end = start
                while end < piece.count {
                    let byte = piece[end]
                    if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    end += 1
                }
                // Through the buffer, not an ArraySlice: no reference count to change per field.
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: piece[start..<end]))
                return end
            }
            if position < piece.count { return }
        }
    }

    /// Appends a quoted field's bytes (its opening quote consumed), up to its closing quote.
    private mutating func readQuotedField() throws {
        let opened = nextLine
        while true {
            guard let byte = try peek() else {
                throw DatasetError.csvUnterminatedQuote(path: path, line: opened)
            }
            position += 1
            if byte == Self.quote {
                guard try peek() == Self.quote else { return }
                position += 1
            } else if byte == Self.lineFeed {
                nextLine += 1
            } else if byte == Self.carriageReturn, try peek() != Self.lineFeed {
                nextLine += 1
            }
            bytes.append(byte)
        }
    }

    /// The next byte without consuming it, fetching the next piece when this one is used up.
    @inline(__always)
    private mutating func peek() throws -> UInt8? {
        while position == piece.count {
            guard !ended else { return nil }
            piece = try nextPiece()
            position = 0
            ended = piece.isEmpty
        }
        return piece[position]
    }
}
