import Datasets
import Foundation

extension Bench {
    /// Times checking the CSV table at `path` (its schema: header, field counts, label classes)
    /// and reading it whole, `rounds` times each, and prints the medians.
    func measureCSV(path: String, label: String, rounds: Int = 5) throws {
        let options = CSVOptions(label: label)
        let bytes = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        func median(_ body: () throws -> Void) rethrows -> Double {
            var seconds: [Double] = []
            for _ in 0..<rounds {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return seconds.sorted()[rounds / 2]
        }
        var schema: CSVSchema?
        let schemaSeconds = try median { schema = try CSVReader.schema(path: path, options: options) }
        let readSeconds = try median { _ = try CSVReader.read(path: path, options: options) }
        print(
            BenchMessages.csvLine(
                path: path, bytes: bytes, rows: schema?.rowCount ?? 0, features: schema?.featureCount ?? 0,
                schemaSeconds: schemaSeconds, readSeconds: readSeconds))
    }
}
