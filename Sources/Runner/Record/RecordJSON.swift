import Foundation

/// The one JSON dialect of nb's files (run records and cache entry headers): NaN and the
/// infinities, which JSON has no numbers for, as the strings `nan`, `inf` and `-inf`.
enum RecordJSON {
    /// An encoder of that dialect; `pretty` sorts keys and indents, for files people read.
    static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        if pretty { encoder.outputFormatting = [.prettyPrinted, .sortedKeys] }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A decoder of that dialect.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

/// Counting a run's statements by what happened to them: the report's header and badges and the
/// terminal's closing line all count this way.
extension Collection<StatementRecord> {
    /// How many have `status`.
    public func count(_ status: StatementStatus) -> Int {
        reduce(0) { $0 + ($1.status == status ? 1 : 0) }
    }

    /// The seconds spent on those with `status`.
    public func seconds(_ status: StatementStatus) -> Double {
        reduce(0) { $0 + ($1.status == status ? $1.seconds : 0) }
    }
}
