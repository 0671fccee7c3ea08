import Datasets
import Foundation

extension Bench {
    /// Times checking the CSV table at `path` (its schema: header, field counts, label classes)
    /// and reading it whole, `rounds` times each, and prints the medians.
    func measureCSV(path: String, label: String, rounds: Int = 5) throws {
        let options = CSVOptions(label: label)
        let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        var schema: CSVSchema?
        let schemaSeconds = try medianSeconds(rounds: rounds) {
            schema = try CSVReader.schema(path: path, options: options)
        }
        let readSeconds = try medianSeconds(rounds: rounds) { _ = try CSVReader.read(path: path, options: options) }
        print(
            BenchMessages.csvLine(
                path: path, bytes: bytes, rows: schema?.rowCount ?? 0, features: schema?.featureCount ?? 0,
                schemaSeconds: schemaSeconds, readSeconds: readSeconds))
    }
}
