/// One pass over a CSV table's rows: the header resolved to columns, each row checked to have
/// as many fields as there are columns, and the label column's values gathered into classes.
struct CSVScan {
    /// The most classes a table may have: labels are bytes.
    static let classLimit = 256

    private(set) var tokenizer: CSVTokenizer
    /// Every column's name.
    let columns: [String]
    /// The label column's index.
    let labelColumn: Int
    /// The feature columns' indices, in the features' order.
    let featureColumns: [Int]
    /// Each label value's index in order of first appearance.
    private var classIDs: [String: UInt8] = [:]
    /// The label values in order of first appearance.
    private var classValues: [String] = []
    /// Each row's label as an index into `classValues`.
    private(set) var firstSeenLabels: [UInt8] = []
    /// Whether the row read to count the columns of a headerless file is still to be handed out.
    private var firstRowPending: Bool

    /// Starts scanning the text of `tokenizer` as `options` describe, reading up to its first row.
    init(tokenizer: CSVTokenizer, options: CSVOptions) throws {
        let path = tokenizer.path
        guard options.skip >= 0 else { throw DatasetError.invalidSkip(options.skip) }
        var tokenizer = tokenizer
        for _ in 0...options.skip {
            guard try tokenizer.nextRow() else { throw DatasetError.csvEmpty(path: path, skipped: options.skip) }
        }
        let first = tokenizer
        columns = (0..<first.fieldCount).map {
            options.header ? String(decoding: first.field($0), as: UTF8.self) : "\($0)"
        }
        self.tokenizer = tokenizer
        firstRowPending = !options.header
        (labelColumn, featureColumns) = try Self.resolve(options, columns: columns, path: path)
    }

    /// The label's and the features' column indices that `options` name among `columns`.
    private static func resolve(_ options: CSVOptions, columns: [String], path: String) throws -> (Int, [Int]) {
        var indices: [String: Int] = [:]
        for (index, name) in columns.enumerated() {
            guard indices.updateValue(index, forKey: name) == nil else {
                throw DatasetError.csvDuplicateColumn(path: path, column: name)
            }
        }
        guard let label = indices[options.label] else {
            throw DatasetError.csvNoLabelColumn(path: path, label: options.label, columns: columns)
        }
        guard let names = options.features else {
            let features = columns.indices.filter { $0 != label }
            guard !features.isEmpty else { throw DatasetError.csvNoFeatures(path: path) }
            return (label, features)
        }
        guard !names.isEmpty else { throw DatasetError.csvNoFeatures(path: path) }
        let features = try names.map { name in
            guard let index = indices[name] else {
                throw DatasetError.csvUnknownFeature(path: path, feature: name, columns: columns)
            }
            guard index != label else { throw DatasetError.csvLabelAsFeature(path: path, column: name) }
            return index
        }
        return (label, features)
    }

    /// Reads the next row of data, checks its field count and gathers its label; false at the end.
    mutating func nextRow() throws -> Bool {
        if firstRowPending {
            firstRowPending = false
        } else {
            guard try tokenizer.nextRow() else {
                guard !firstSeenLabels.isEmpty else {
                    throw DatasetError.csvNoDataRows(path: tokenizer.path, columns: columns.count)
                }
                return false
            }
        }
        guard tokenizer.fieldCount == columns.count else {
            let missing = tokenizer.fieldCount < columns.count ? columns[tokenizer.fieldCount] : nil
            throw DatasetError.csvRaggedRow(
                path: tokenizer.path, line: tokenizer.line, fields: tokenizer.fieldCount, columns: columns.count,
                firstMissing: missing)
        }
        try gatherLabel()
        return true
    }

    /// Adds the current row's label to the classes.
    private mutating func gatherLabel() throws {
        let value = String(decoding: tokenizer.field(labelColumn), as: UTF8.self)
        if let id = classIDs[value] {
            firstSeenLabels.append(id)
            return
        }
        guard !value.allSatisfy(\.isWhitespace) else {
            throw DatasetError.csvEmptyCell(path: tokenizer.path, line: tokenizer.line, column: columns[labelColumn])
        }
        guard classValues.count < Self.classLimit else {
            throw DatasetError.csvTooManyClasses(
                path: tokenizer.path, column: columns[labelColumn], line: tokenizer.line, limit: Self.classLimit)
        }
        let id = UInt8(classValues.count)
        classIDs[value] = id
        classValues.append(value)
        firstSeenLabels.append(id)
    }

    /// The class names, sorted, and each row's class index into them.
    func classes() -> (names: [String], labels: [UInt8]) {
        let numbers = classValues.compactMap(Double.init)
        let order: [Int]
        if numbers.count == classValues.count {
            order = classValues.indices.sorted { (numbers[$0], classValues[$0]) < (numbers[$1], classValues[$1]) }
        } else {
            order = classValues.indices.sorted { classValues[$0] < classValues[$1] }
        }
        var sortedIndex = [UInt8](repeating: 0, count: classValues.count)
        for (rank, id) in order.enumerated() { sortedIndex[id] = UInt8(rank) }
        return (order.map { classValues[$0] }, firstSeenLabels.map { sortedIndex[Int($0)] })
    }

    /// What the scan found, for checking a notebook.
    func schema() -> CSVSchema {
        CSVSchema(
            columns: columns, features: featureColumns.map { columns[$0] }, label: columns[labelColumn],
            classNames: classes().names, rowCount: firstSeenLabels.count)
    }
}
