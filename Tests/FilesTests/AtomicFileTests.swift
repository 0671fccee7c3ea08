import Files
import Foundation
import Testing

@Suite struct AtomicFileTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nb-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyFileIsReplacedWhenAllCanBeWritten() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (record, report) = (directory.appendingPathComponent("x.json"), directory.appendingPathComponent("x.html"))
        try Data("old".utf8).write(to: record)
        try AtomicFile.write([(Data("new report".utf8), report), (Data("new record".utf8), record)])
        #expect(try String(contentsOf: record, encoding: .utf8) == "new record")
        #expect(try String(contentsOf: report, encoding: .utf8) == "new report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["x.html", "x.json"])
    }

    /// A durable write (fsync of the file and its folder) leaves the same bytes and no
    /// temporary file, and creates the missing folder.
    @Test(arguments: [false, true])
    func aWriteCreatesItsFolderAndLeavesOnlyTheTarget(durable: Bool) throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("cache/entry")
        let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try AtomicFile.write(bytes, to: target, durable: durable)
        try AtomicFile.write(bytes.prefix(5), to: target, durable: durable)
        #expect(try Data(contentsOf: target) == bytes.prefix(5))
        let folder = target.deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["entry"])
    }

    /// Before, the record was renamed into place before the report was written, so a full disk
    /// in between left this run's record beside the last run's report.
    @Test func whenOneFileCannotBeWrittenNoneIsReplaced() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let record = directory.appendingPathComponent("x.json")
        let report = directory.appendingPathComponent("gone/x.html")
        try Data("last run".utf8).write(to: record)
        #expect(throws: AtomicFileError.self) {
            try AtomicFile.write([(Data("this run".utf8), record), (Data("page".utf8), report)])
        }
        do {
            try AtomicFile.write([(Data("this run".utf8), record), (Data("page".utf8), report)])
        } catch {
            #expect(error.description == "could not write '\(report.path)': No such file or directory")
        }
        #expect(try String(contentsOf: record, encoding: .utf8) == "last run")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["x.json"])
    }
}
