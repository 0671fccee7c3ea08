/// How to read a CSV table: where its rows start, which column holds the labels and which hold
/// the features.
public struct CSVOptions: Sendable, Equatable {
    /// The name of the column holding each row's class.
    public var label: String
    /// The feature columns, in the order the features take; nil for every column but the label,
    /// in the file's order.
    public var features: [String]?
    /// Whether the first row (after `skip`) names the columns; without one they are named
    /// "0", "1", … as pandas names them with `header=None`.
    public var header: Bool
    /// How many rows to pass over before the header (pandas' `skiprows`): scikit-learn's files
    /// start with a row like `150,4,setosa,versicolor,virginica`.
    public var skip: Int

    /// Options for the table whose labels are in the column `label`.
    public init(label: String, features: [String]? = nil, header: Bool = true, skip: Int = 0) {
        self.label = label
        self.features = features
        self.header = header
        self.skip = skip
    }
}

/// What checking a notebook knows of a CSV table before anything runs: its columns, its
/// features and its classes, from one pass that converts no number.
public struct CSVSchema: Sendable, Equatable {
    /// Every column's name, in the file's order.
    public let columns: [String]
    /// The feature columns, in the order the features take.
    public let features: [String]
    /// The label column.
    public let label: String
    /// The label column's distinct values, numerically sorted when all are numbers, else by
    /// text; a class's index is its place here.
    public let classNames: [String]
    /// The number of rows of data (the header not counted).
    public let rowCount: Int

    /// The number of features per row.
    public var featureCount: Int { features.count }
}

/// A table of numeric features and a class label per row, read from a CSV file.
public struct CSVTable: Sendable, Equatable {
    /// The file it was read from, for messages.
    public let path: String
    /// The feature columns, in the order the features take.
    public let featureNames: [String]
    /// The classes, in the order of their indices.
    public let classNames: [String]
    /// The features, row-major: `rowCount × featureCount` values.
    public let features: [Float]
    /// Each row's class index into `classNames`.
    public let labels: [UInt8]

    /// A table of `labels.count` rows.
    public init(path: String, featureNames: [String], classNames: [String], features: [Float], labels: [UInt8]) {
        precondition(features.count == labels.count * featureNames.count, "features must be rows × columns")
        self.path = path
        self.featureNames = featureNames
        self.classNames = classNames
        self.features = features
        self.labels = labels
    }

    /// The number of rows.
    public var rowCount: Int { labels.count }
    /// The number of features per row.
    public var featureCount: Int { featureNames.count }

    /// The features of row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> {
        features[index * featureCount..<(index + 1) * featureCount]
    }

    /// The rows at `indices`, in that order, with the same columns and classes.
    public func rows(_ indices: [Int]) -> CSVTable {
        var picked: [Float] = []
        picked.reserveCapacity(indices.count * featureCount)
        for index in indices { picked += row(index) }
        return CSVTable(
            path: path, featureNames: featureNames, classNames: classNames, features: picked,
            labels: indices.map { labels[$0] })
    }

    /// The number of rows of each class, by class index.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }
}

extension CSVTable {
    /// The rows as a data set of examples of shape (F), named `name` for reports, its classes
    /// named `classNames` (one for each of the label column's values; by default the values).
    public func examples(name: String, classNames: [String]? = nil) -> LabeledExamples {
        LabeledExamples(
            name: name, shape: [featureCount], values: .floats(features), labels: labels,
            classNames: classNames ?? self.classNames)
    }
}
