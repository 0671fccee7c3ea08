import Engine
import Foundation
import Testing

@testable import Datasets

/// Debian's scikit-learn tables (package python3-sklearn, installed by Scripts/setup).
enum ScikitLearnTables {
    /// The folder holding them.
    static let directory = "/usr/lib/python3/dist-packages/sklearn/datasets/data"

    /// The path of table `name`.
    static func path(_ name: String) -> String { directory + "/" + name }
}

/// The CSV tables `Benchmarks/make_csv_fixtures.py` wrote with Python's csv module.
enum CSVFixtures {
    /// The path of fixture `name`.
    static func path(_ name: String) -> String { NumPyFixtures.path("csv/" + name) }
}

@Suite("Reading CSV tables")
struct CSVReaderTests {
    struct Table: Sendable, CustomTestStringConvertible {
        let file: String
        let skip: Int
        let label: String
        let rows: Int
        let features: Int
        let classCounts: [Int]
        let first: [Float]
        let last: [Float]
        let lastLabel: UInt8
        var testDescription: String { file }
    }

    static let tables: [Table] = [
        Table(
            file: "iris.csv", skip: 1, label: "4", rows: 150, features: 4, classCounts: [50, 50, 50],
            first: [5.1, 3.5, 1.4, 0.2], last: [5.9, 3.0, 5.1, 1.8], lastLabel: 2),
        Table(
            file: "wine_data.csv", skip: 1, label: "13", rows: 178, features: 13, classCounts: [59, 71, 48],
            first: [14.23, 1.71, 2.43, 15.6, 127, 2.8, 3.06, 0.28, 2.29, 5.64, 1.04, 3.92, 1065],
            last: [14.13, 4.1, 2.74, 24.5, 96, 2.05, 0.76, 0.56, 1.35, 9.2, 0.61, 1.6, 560], lastLabel: 2),
        Table(
            file: "breast_cancer.csv", skip: 1, label: "30", rows: 569, features: 30, classCounts: [212, 357],
            first: [
                17.99, 10.38, 122.8, 1001, 0.1184, 0.2776, 0.3001, 0.1471, 0.2419, 0.07871, 1.095, 0.9053, 8.589,
                153.4, 0.006399, 0.04904, 0.05373, 0.01587, 0.03003, 0.006193, 25.38, 17.33, 184.6, 2019, 0.1622,
                0.6656, 0.7119, 0.2654, 0.4601, 0.1189,
            ],
            last: [
                7.76, 24.54, 47.92, 181, 0.05263, 0.04362, 0, 0, 0.1587, 0.05884, 0.3857, 1.428, 2.548, 19.15,
                0.007189, 0.00466, 0, 0, 0.02676, 0.002783, 9.456, 30.37, 59.16, 268.6, 0.08996, 0.06444, 0, 0,
                0.2871, 0.07039,
            ],
            lastLabel: 1),
        Table(
            file: "digits.csv.gz", skip: 0, label: "64", rows: 1797, features: 64,
            classCounts: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
            first: [
                0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
                0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0,
            ],
            last: [
                0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16, 16, 10, 0,
                0, 0, 0, 12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8, 0, 0, 1, 8, 12, 14, 12,
                1, 0,
            ],
            lastLabel: 8),
    ]

    @Test("scikit-learn's tables read with the shape, classes and values NumPy reads", arguments: tables)
    func readsScikitLearnTables(_ test: Table) throws {
        let path = ScikitLearnTables.path(test.file)
        let options = CSVOptions(label: test.label, header: false, skip: test.skip)
        let classNames = (0..<test.classCounts.count).map(String.init)
        let schema = try CSVReader.schema(path: path, options: options)
        #expect(schema.columns == (0...test.features).map(String.init))
        #expect(schema.features == (0..<test.features).map(String.init))
        #expect(schema.featureCount == test.features)
        #expect(schema.classNames == classNames)
        #expect(schema.rowCount == test.rows)

        let table = try CSVReader.read(path: path, options: options)
        #expect(table.rowCount == test.rows)
        #expect(table.featureCount == test.features)
        #expect(table.features.count == test.rows * test.features)
        #expect(table.classNames == classNames)
        #expect(table.classCounts == test.classCounts)
        #expect(Array(table.row(0)) == test.first)
        #expect(Array(table.row(test.rows - 1)) == test.last)
        #expect(table.labels.first == 0)
        #expect(table.labels.last == test.lastLabel)
    }

    @Test("Features named by features: are read in that order, and only those")
    func picksAndOrdersFeatures() throws {
        let options = CSVOptions(label: "4", features: ["3", "0"], header: false, skip: 1)
        let table = try CSVReader.read(path: ScikitLearnTables.path("iris.csv"), options: options)
        #expect(table.featureNames == ["3", "0"])
        #expect(Array(table.row(0)) == [0.2, 5.1])
        #expect(Array(table.row(149)) == [1.8, 5.9])
        let examples = table.examples(name: "iris")
        #expect(examples.shape == [2])
        #expect(examples.count == 150)
        #expect(examples.classNames == ["0", "1", "2"])
        #expect(
            try CSVReader.schema(path: ScikitLearnTables.path("iris.csv"), options: options).features == ["3", "0"])
    }

    @Test(
        "Quoted fields, CRLF line ends and a byte-order mark, as Python's csv module writes them, read alike",
        arguments: ["quoted.csv", "crlf.csv", "bom.csv"])
    func readsQuotingLineEndsAndByteOrderMarks(_ file: String) throws {
        let path = CSVFixtures.path(file)
        let options = CSVOptions(label: "name")
        let table = try CSVReader.read(path: path, options: options)
        #expect(table.featureNames == ["x", "y, z"])
        #expect(table.classNames == ["plain", "say \"hi\"", "two\nlines", "with, comma"])
        #expect(table.features == [1.5, 2, 3, -40, 5, 6, 7, 8, -0.25, 0.001])
        #expect(table.labels == [0, 3, 1, 2, 0])
        let schema = try CSVReader.schema(path: path, options: options)
        #expect(schema.columns == ["x", "y, z", "name"])
        #expect(schema.classNames == table.classNames)
        #expect(schema.rowCount == 5)
    }

    @Test("Labels that are all numbers sort as numbers, others as text, and blank lines are skipped")
    func sortsClassNames() throws {
        let numeric = try CSVReader.decode(
            Array("f,y\n1,10\n\n2,9\n3,-1.5\n4,9\n".utf8), path: "numeric.csv", options: CSVOptions(label: "y"))
        #expect(numeric.classNames == ["-1.5", "9", "10"])
        #expect(numeric.labels == [2, 1, 0, 1])
        let text = try CSVReader.decode(
            Array("f,y\r\n1,b\r\n2,10\r\n3,a\r\n".utf8), path: "text.csv", options: CSVOptions(label: "y"))
        #expect(text.classNames == ["10", "a", "b"])
        #expect(text.labels == [2, 0, 1])
    }

    struct CellCase: Sendable, CustomTestStringConvertible {
        let text: String
        let cell: CSVReader.Cell
        var testDescription: String { "'\(text)'" }
    }

    static let cells: [CellCase] = [
        CellCase(text: "1.5", cell: .number(1.5)), CellCase(text: " -2 ", cell: .number(-2)),
        CellCase(text: "+4e-1", cell: .number(0.4)), CellCase(text: ".5", cell: .number(0.5)),
        CellCase(text: "5.", cell: .number(5)), CellCase(text: "1E3", cell: .number(1000)),
        CellCase(text: "", cell: .empty), CellCase(text: " \t ", cell: .empty),
        CellCase(text: "nan", cell: .notNumber), CellCase(text: "inf", cell: .notNumber),
        CellCase(text: "0x10", cell: .notNumber), CellCase(text: "1e", cell: .notNumber),
        CellCase(text: "1.2.3", cell: .notNumber), CellCase(text: "1e99", cell: .notNumber),
        CellCase(text: "1,5", cell: .notNumber), CellCase(text: "--1", cell: .notNumber),
        CellCase(text: ".", cell: .notNumber), CellCase(text: "1 2", cell: .notNumber),
    ]

    @Test(
        "A cell is a finite decimal number with spaces around it allowed, or empty, or not a number",
        arguments: cells)
    func parsesCells(_ test: CellCase) {
        #expect(test.text.withCString { CSVReader.parse($0) } == test.cell)
    }

    @Test("Short decimals, read without strtof, give exactly the Float strtof gives")
    func shortDecimalsMatchStrtof() {
        var generator = SeededGenerator(seed: 7)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let digits = String(generator.nextInt(below: 1 << 25))
            let point = generator.nextInt(below: digits.count + 1)
            let sign = ["", "-", "+"][generator.nextInt(below: 3)]
            let text = sign + digits.prefix(point) + "." + digits.dropFirst(point)
            let expected = text.withCString { strtof($0, nil) }
            if text.withCString({ CSVReader.parse($0) }) != .number(expected) { mismatches.append(text) }
        }
        #expect(mismatches == [])
    }
}
