import Foundation
import Testing

@testable import Datasets

@Suite("Splitting and standardizing tables")
struct TableSplitTests {
    static let wine = Result {
        try CSVReader.read(
            path: ScikitLearnTables.path("wine_data.csv"), options: CSVOptions(label: "13", header: false, skip: 1))
    }

    @Test("Wine splits per class into ⌈n/4⌉ test rows, and the two splits partition the table")
    func splitsPerClass() throws {
        let table = try Self.wine.get()
        let split = try TableSplit(labels: table.labels, classCount: 3)
        #expect(split.test.count == 15 + 18 + 12)
        #expect(split.train.count == 178 - 45)
        #expect(Set(split.train).isDisjoint(with: split.test))
        #expect((split.train + split.test).sorted() == Array(0..<178))
        #expect(split.train == split.train.sorted())
        #expect(split.test == split.test.sorted())
        let (train, test) = try table.split()
        #expect(test.classCounts == [15, 18, 12])
        #expect(train.classCounts == [44, 53, 36])
        #expect(Array(test.row(0)) == Array(table.row(split.test[0])))
        #expect(try TableSplit(labels: table.labels, classCount: 3, seed: 0) == split)
        #expect(try TableSplit(labels: table.labels, classCount: 3, seed: 1).test != split.test)
    }

    @Test("The split is the one Benchmarks/tabular_reference.py computes in Python for seed 0")
    func matchesThePythonReference() throws {
        let text = try String(contentsOfFile: CSVFixtures.path("wine_split_seed0.txt"), encoding: .utf8)
        let expected = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { Int($0) }
        #expect(expected.count == 45)
        #expect(try TableSplit(labels: Self.wine.get().labels, classCount: 3).test == expected)
    }

    @Test("A test fraction must lie strictly between 0 and 1", arguments: [0, 1, -0.5, 1.5, Double.nan])
    func refusesFractions(_ fraction: Double) {
        #expect(throws: DatasetError.self) { try TableSplit(labels: [0, 1], classCount: 2, testFraction: fraction) }
        #expect(
            DatasetError.invalidTestFraction(0).description
                == "test fraction 0.0 is not allowed: give a fraction above 0 and below 1")
    }

    @Test("Standardizing uses the fitted rows' mean and population deviation; a constant column is divided by 1")
    func standardizes() throws {
        let train = CSVTable(
            path: "t.csv", featureNames: ["a", "b"], classNames: ["0"], features: [1, 7, 2, 7, 3, 7, 4, 7],
            labels: [0, 0, 0, 0])
        let scaler = Standardizer(fitting: train)
        let deviation = Double(1.25).squareRoot()
        #expect(scaler.mean == [2.5, 7])
        #expect(scaler.scale == [deviation, 1])
        #expect(
            scaler.apply(to: train).features
                == [-1.5, 0, -0.5, 0, 0.5, 0, 1.5, 0].enumerated().map { $0 % 2 == 0 ? Float($1 / deviation) : 0 })
        let test = CSVTable(
            path: "t.csv", featureNames: ["a", "b"], classNames: ["0"], features: [5, 9], labels: [0])
        #expect(scaler.apply(to: test).features == [Float(2.5 / deviation), 2])
    }
}
