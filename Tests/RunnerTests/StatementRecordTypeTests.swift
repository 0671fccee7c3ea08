import Notebook
import Runner
import Testing

/// The report formats a number quoted in the prose by its type; the record names the type as
/// signatures write it, and `scalarType` reads that name back as a `ValueType`, so no other
/// module compares type names. Domain types and records without a type have none.
@Test(
    arguments: [
        ("Int", .int), ("Float", .float), ("String", .string), ("Bool", .bool), ("Fit", nil), ("[Int]", nil),
        (nil, nil),
    ] as [(String?, ValueType?)])
func aRecordsTypeNameReadsBackAsItsScalarType(name: String?, type: ValueType?) {
    let record = StatementRecord(
        index: 0, cell: 0, range: SourceRange(at: SourceLocation(line: 1, column: 1)), source: "x", binding: nil,
        status: .ran, cacheHit: false, seconds: 0, seed: 0, key: "", display: nil, message: nil, type: name)
    #expect(record.scalarType == type)
}
