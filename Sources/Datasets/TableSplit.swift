import Engine

/// A deterministic, stratified split of a table's rows into training and test rows, simple enough
/// for a script to reproduce exactly (`Benchmarks/tabular_reference.py` does, in Python).
///
/// One `SeededGenerator(seed:)` (xoshiro256**) serves every class, in class-index order. Each
/// class's rows, in file order, are permuted by its Fisher–Yates shuffle (for i from n − 1 down
/// to 1, swap i with `nextInt(below: i + 1)`, Lemire's unbiased draw); the first ⌈n · fraction⌉
/// go to the test set (computed in Double, as `math.ceil(n * fraction)` computes it) and the rest
/// to training. Both keep file order.
public struct TableSplit: Sendable, Equatable {
    /// The training rows' indices, ascending.
    public let train: [Int]
    /// The test rows' indices, ascending.
    public let test: [Int]

    /// Splits rows labelled `labels` (class indices below `classCount`), about `testFraction` of
    /// each class going to the test set.
    public init(labels: [UInt8], classCount: Int, testFraction: Double = 0.25, seed: UInt64 = 0) throws {
        guard testFraction > 0, testFraction < 1 else { throw DatasetError.invalidTestFraction(testFraction) }
        precondition(labels.allSatisfy { Int($0) < classCount }, "every label must be a class index")
        var rowsOfClass = [[Int]](repeating: [], count: classCount)
        for (row, label) in labels.enumerated() { rowsOfClass[Int(label)].append(row) }
        var generator = SeededGenerator(seed: seed)
        var train: [Int] = []
        var test: [Int] = []
        for var rows in rowsOfClass {
            generator.shuffle(&rows)
            let testCount = Int((Double(rows.count) * testFraction).rounded(.up))
            test += rows[..<testCount]
            train += rows[testCount...]
        }
        self.train = train.sorted()
        self.test = test.sorted()
    }
}

extension CSVTable {
    /// The table's training and test rows, split as `TableSplit` splits them.
    public func split(testFraction: Double = 0.25, seed: UInt64 = 0) throws -> (train: CSVTable, test: CSVTable) {
        let split = try TableSplit(
            labels: labels, classCount: classNames.count, testFraction: testFraction, seed: seed)
        return (rows(split.train), rows(split.test))
    }
}

/// Scales each feature to mean 0 and standard deviation 1 over the rows it was fitted on, as
/// scikit-learn's `StandardScaler` does: (x − mean) / std, with the population standard deviation,
/// and a constant feature (std 0) divided by 1. Fit it on the training rows only and apply it to
/// both splits, so nothing of the test rows leaks into training.
public struct Standardizer: Sendable, Equatable {
    /// Each feature's mean over the fitted rows.
    public let mean: [Double]
    /// What each feature is divided by: its standard deviation, or 1 where that is 0.
    public let scale: [Double]

    /// The means and scales of `table`'s features, summed in Double.
    public init(fitting table: CSVTable) {
        let columns = table.featureCount
        let rows = Double(max(table.rowCount, 1))
        var sum = [Double](repeating: 0, count: columns)
        for (index, value) in table.features.enumerated() { sum[index % columns] += Double(value) }
        let mean = sum.map { $0 / rows }
        var squares = [Double](repeating: 0, count: columns)
        for (index, value) in table.features.enumerated() {
            let deviation = Double(value) - mean[index % columns]
            squares[index % columns] += deviation * deviation
        }
        self.mean = mean
        scale = squares.map { sum in
            let deviation = (sum / rows).squareRoot()
            return deviation == 0 ? 1 : deviation
        }
    }

    /// `table` with each feature scaled: `Float((Double(x) − mean) / scale)`.
    public func apply(to table: CSVTable) -> CSVTable {
        precondition(table.featureCount == mean.count, "a standardizer applies to the columns it was fitted on")
        let columns = mean.count
        let scaled = table.features.enumerated().map { index, value in
            Float((Double(value) - mean[index % columns]) / scale[index % columns])
        }
        return CSVTable(
            path: table.path, featureNames: table.featureNames, classNames: table.classNames, features: scaled,
            labels: table.labels)
    }
}
