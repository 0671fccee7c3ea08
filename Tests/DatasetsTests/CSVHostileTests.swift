import Foundation
import Testing

@testable import Datasets

@Suite("Reading hostile CSV tables")
struct CSVHostileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        var options = CSVOptions(label: "label")
        let error: DatasetError
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a short row", text: "a,b,label\n1,2,0\n3,0\n",
            error: .csvRaggedRow(path: "t.csv", line: 3, fields: 2, columns: 3, firstMissing: "label"),
            message: "t.csv: line 3 has 2 fields but the table has 3 columns, so it lacks 'label' and every column "
                + "after; every row needs one field per column"),
        Case(
            name: "a long row", text: "a,b,label\n1,2,0,9\n",
            error: .csvRaggedRow(path: "t.csv", line: 2, fields: 4, columns: 3, firstMissing: nil),
            message: "t.csv: line 2 has 4 fields but the table has 3 columns, so it has extra fields; every row "
                + "needs one field per column"),
        Case(
            name: "a non-numeric cell after a quoted line end", text: "a,b,label\n1,2,\"x\ny\"\n1,abc,0\n",
            error: .csvNotANumber(path: "t.csv", line: 4, column: "b", text: "abc"),
            message: "t.csv: line 4: column 'b' holds 'abc', not a number; features must be finite decimal numbers: "
                + "pick the numeric columns with features: [...]"),
        Case(
            name: "an empty feature cell", text: "a,b,label\n1,,0\n",
            error: .csvEmptyCell(path: "t.csv", line: 2, column: "b"),
            message: "t.csv: line 2: column 'b' is empty; fill it in or drop the row"),
        Case(
            name: "an empty label cell", text: "a,b,label\n1,2,\n",
            error: .csvEmptyCell(path: "t.csv", line: 2, column: "label"),
            message: "t.csv: line 2: column 'label' is empty; fill it in or drop the row"),
        Case(
            name: "a missing label column", text: "a,b,class\n1,2,0\n",
            error: .csvNoLabelColumn(path: "t.csv", label: "label", columns: ["a", "b", "class"]),
            message: "t.csv: no label column 'label'; the table's columns are 'a', 'b', 'class'"),
        Case(
            name: "an unknown feature", text: "a,b,label\n1,2,0\n",
            options: CSVOptions(label: "label", features: ["a", "c"]),
            error: .csvUnknownFeature(path: "t.csv", feature: "c", columns: ["a", "b", "label"]),
            message: "t.csv: no feature column 'c'; the table's columns are 'a', 'b', 'label'"),
        Case(
            name: "the label as a feature", text: "a,b,label\n1,2,0\n",
            options: CSVOptions(label: "label", features: ["label"]),
            error: .csvLabelAsFeature(path: "t.csv", column: "label"),
            message: "t.csv: 'label' is the label column and cannot be a feature too; remove it from features: [...]"),
        Case(
            name: "no features", text: "label\n0\n", error: .csvNoFeatures(path: "t.csv"),
            message: "t.csv: no feature columns: the table needs at least one column besides the label"),
        Case(
            name: "two columns of one name", text: "a,a,label\n1,2,0\n",
            error: .csvDuplicateColumn(path: "t.csv", column: "a"),
            message: "t.csv: two columns are named 'a'; rename one so columns can be told apart"),
        Case(
            name: "an empty file", text: "", error: .csvEmpty(path: "t.csv", skipped: 0),
            message: "t.csv: the file holds no rows; check that this is the right file"),
        Case(
            name: "a file of blank lines skipped whole", text: "\r\n\n150,4\n",
            options: CSVOptions(label: "label", skip: 1),
            error: .csvEmpty(path: "t.csv", skipped: 1),
            message: "t.csv: the file holds no rows after skipping 1; lower skip: 1"),
        Case(
            name: "a header alone", text: "a,label\n", error: .csvNoDataRows(path: "t.csv", columns: 2),
            message: "t.csv: the table has a header of 2 columns but no rows of data; check the file, or give "
                + "header: false if its first row is data"),
        Case(
            name: "an unterminated quote", text: "a,b,label\n1,\"2,0\n3,4,1\n",
            error: .csvUnterminatedQuote(path: "t.csv", line: 2),
            message: "t.csv: line 2: a quoted field opens there and is never closed; close it with \" (write a quote "
                + "inside a field as \"\")"),
        Case(
            name: "text after a closing quote", text: "a,b,label\n1,\"2\"x,0\n",
            error: .csvTextAfterQuote(path: "t.csv", line: 2, field: 2),
            message: "t.csv: line 2: field 2 has text after its closing quote; quote the whole field and write a quote "
                + "inside it as \"\""),
        Case(
            name: "a negative skip", text: "a,label\n1,0\n", options: CSVOptions(label: "label", skip: -1),
            error: .invalidSkip(-1), message: "skip: -1 is not allowed: give 0 or more rows to pass over"),
    ]

    @Test("Each malformed table is one error naming the file, the line and the column", arguments: cases)
    func refusesMalformedTables(_ test: Case) throws {
        #expect(throws: test.error) {
            try CSVReader.decode(Array(test.text.utf8), path: "t.csv", options: test.options)
        }
        #expect(test.error.description == test.message)
    }

    @Test("Checking a notebook finds a short row and a missing label column, but converts no number")
    func checksShapeWithoutNumbers() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let ragged = try folder.write(Array("a,label\n1,0\n2\n".utf8), to: "ragged.csv")
        #expect(throws: DatasetError.csvRaggedRow(path: ragged, line: 3, fields: 1, columns: 2, firstMissing: "label"))
        {
            try CSVReader.schema(path: ragged, options: CSVOptions(label: "label"))
        }
        let words = try folder.write(Array("a,label\nx,0\n".utf8), to: "words.csv")
        #expect(try CSVReader.schema(path: words, options: CSVOptions(label: "label")).classNames == ["0"])
        #expect(throws: DatasetError.csvNoLabelColumn(path: words, label: "y", columns: ["a", "label"])) {
            try CSVReader.schema(path: words, options: CSVOptions(label: "y"))
        }
        let missing = folder.path + "/missing.csv"
        #expect(throws: DatasetError.fileNotFound(path: missing)) {
            try CSVReader.schema(path: missing, options: CSVOptions(label: "y"))
        }
    }

    @Test("A label column of more than 256 values is refused at the 257th")
    func refusesTooManyClasses() throws {
        let text = "a,label\n" + (0..<300).map { "1,\($0)\n" }.joined()
        let error = DatasetError.csvTooManyClasses(path: "t.csv", column: "label", line: 258, limit: 256)
        #expect(throws: error) {
            try CSVReader.decode(Array(text.utf8), path: "t.csv", options: CSVOptions(label: "label"))
        }
        #expect(
            error.description
                == "t.csv: line 258: label column 'label' has more than 256 distinct values; a label names a class, "
                + "and nb reads at most 256: is 'label' the right column?")
        let most = "a,label\n" + (0..<256).map { "1,\($0)\n" }.joined()
        let classes = try CSVReader.decode(Array(most.utf8), path: "t.csv", options: CSVOptions(label: "label"))
        #expect(classes.classNames.count == 256)
    }

    @Test("A table over half the memory budget is refused before it is read, or one byte past the limit inflated")
    func refusesOversizeTables() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let text = Array(("a,label\n" + String(repeating: "1,0\n", count: 1000)).utf8)
        let plain = try folder.write(text, to: "big.csv")
        let error = DatasetError.csvOverBudget(path: plain, textBytes: 4008, limitBytes: 2000, compressed: false)
        #expect(throws: error) {
            try CSVReader.schema(path: plain, options: CSVOptions(label: "label"), memoryBudget: 4000)
        }
        #expect(
            error.description
                == "\(plain): the table is 4008 bytes of text, over the 2000 bytes nb reads for one table (a quarter of "
                + "this machine's memory, as its floats can take twice the text); use a smaller table")
        #expect(
            try CSVReader.read(path: plain, options: CSVOptions(label: "label"), memoryBudget: 8016).rowCount == 1000)

        let compressed = try folder.write(gzipped(text, zeros: 0), to: "big.csv.gz")
        let inflated = DatasetError.csvOverBudget(path: compressed, textBytes: 2001, limitBytes: 2000, compressed: true)
        #expect(throws: inflated) {
            try CSVReader.read(path: compressed, options: CSVOptions(label: "label"), memoryBudget: 4000)
        }
        #expect(
            inflated.description.hasPrefix("\(compressed): the table inflates to more than 2000 bytes of text, over"))
        #expect(try CSVReader.read(path: compressed, options: CSVOptions(label: "label")).rowCount == 1000)
    }
}
