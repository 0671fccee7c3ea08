import Foundation
import Notebook
import Runner
import TestSupport
import Testing

@Suite struct CacheRecoveryTests {
    private let training = """
        ---
        params:
          epochs: 2
        ---
        ```nb
        data = mnist()
        model = mlp(hidden: [8])
        fit = train(model, on: data, epochs: epochs)
        loss_curves(fit)
        ```

        """

    private func entryURL(_ harness: Harness, _ record: RunRecord, statement: Int) -> URL {
        harness.directory.appendingPathComponent(record.statements[statement].key + ".nbc")
    }

    @Test func aTruncatedEntryIsRecomputedWithAWarning() throws {
        let harness = Harness()
        let first = try harness.run(training).record
        let url = entryURL(harness, first, statement: 2)
        let data = try Data(contentsOf: url)
        try data.prefix(data.count / 2).write(to: url)
        let (record, ran, observer) = try harness.run(training)
        #expect(
            observer.warnings == [
                "the cached result for line 8 cannot be used: it is truncated or padded (\(data.count / 2) bytes, expected \(data.count)); recomputing it"
            ])
        // The fit's key is unchanged, so the figure drawn from it is still cached.
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran, .cached])
        #expect(record.statements.map(\.warnings.count) == [0, 0, 1, 0])
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 1])
        #expect(try harness.run(training).ran == [:])
    }

    /// An entry's file replaced by something that is not a regular file.
    enum NotAFile: String, CaseIterable {
        case fifo, directory

        func make(at url: URL) throws {
            try FileManager.default.removeItem(at: url)
            switch self {
            case .fifo: #expect(mkfifo(url.path, 0o644) == 0)
            case .directory: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            }
        }

        var reason: String {
            switch self {
            case .fifo: "it is a named pipe (FIFO), not a regular file"
            case .directory: "Is a directory"
            }
        }
    }

    @Test(
        "An entry that is a FIFO or a folder is damaged, recomputed with a plain reason, never waited on",
        arguments: NotAFile.allCases)
    func anEntryThatIsNotAFileIsRecomputed(_ kind: NotAFile) throws {
        let harness = Harness()
        let first = try harness.run(training).record
        let url = entryURL(harness, first, statement: 2)
        try kind.make(at: url)
        // Used only on the thread below until it finishes or the test gives up on it.
        nonisolated(unsafe) let rerun = harness
        let outcome = finishes(within: 30, unblocking: kind == .fifo ? url.path : nil) {
            let (record, _, observer) = try rerun.run(training)
            // A folder also stops the new entry's rename; a FIFO is replaced.
            let unwritable =
                kind == .directory
                ? [
                    "could not cache the result of line 8: could not write '\(url.path)': Is a directory; "
                        + "the next run will recompute it"
                ] : []
            #expect(
                observer.warnings == [
                    "the cached result for line 8 cannot be used: it cannot be read (\(kind.reason)); recomputing it"
                ] + unwritable)
            #expect(record.statements[2].status == .ran)
        }
        #expect(outcome != nil)
    }

    @Test func anEntryInAnOlderFileFormatIsRecomputed() throws {
        let harness = Harness()
        let first = try harness.run(training).record
        let url = entryURL(harness, first, statement: 2)
        var data = try Data(contentsOf: url)
        data[7] = 0
        try data.write(to: url)
        let (record, _, observer) = try harness.run(training)
        #expect(
            observer.warnings == [
                "the cached result for line 8 cannot be used: it is in cache format 0; this nb reads format 3; recomputing it"
            ])
        #expect(record.statements[2].status == .ran)
    }

    @Test func aCorruptedEntryFailsItsChecksum() throws {
        let harness = Harness()
        let first = try harness.run(training).record
        let url = entryURL(harness, first, statement: 0)
        var data = try Data(contentsOf: url)
        data[data.count - 3] ^= 0xFF
        try data.write(to: url)
        let observer = try harness.run(training).observer
        #expect(
            observer.warnings == [
                "the cached result for line 6 cannot be used: its header does not match its checksum (the file is corrupted); recomputing it"
            ])
    }

    @Test func aDamagedValueIsOnlyNoticedWhenNeededAndThenRecomputed() throws {
        let harness = Harness()
        let first = try harness.run(training).record
        let url = entryURL(harness, first, statement: 2)
        var data = try Data(contentsOf: url)
        data[data.count - 1] ^= 0xFF
        try data.write(to: url)
        // Nothing needs the fit's value, so its bytes are not even read.
        let unchanged = try harness.run(training)
        #expect(unchanged.observer.warnings == [])
        #expect(unchanged.ran == [:])
        let edited = training.replacingOccurrences(of: "loss_curves(fit)", with: "loss_curves(fit, fit)")
        let (record, ran, observer) = try harness.run(edited)
        #expect(
            observer.warnings == [
                "the cached result for line 8 cannot be used: its stored value does not match its checksum (the file is corrupted); recomputing it"
            ])
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran, .ran])
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 1, "loss_curves": 1])
    }

    @Test func aValueStoredInAnOlderValueFormatIsRecomputedWhenNeeded() throws {
        let harness = Harness()
        let first = try harness.run(training).record
        // Rewrite the fit's entry as if an older TestFit (format 1) had written it.
        let key = try #require(first.statements[2].key.hexBytes.map(CacheKey.init))
        let entry = CacheEntry(display: .text("old"), payload: .domain(formatVersion: 1, bytes: Data("1 1".utf8)))
        try harness.cache.store(entry, for: key)
        let edited = training.replacingOccurrences(of: "loss_curves(fit)", with: "loss_curves(fit, fit)")
        let (record, ran, observer) = try harness.run(edited)
        #expect(
            observer.warnings == [
                "the cached result for line 8 cannot be used: it holds TestFit in format 1; this nb reads format 2; recomputing it"
            ])
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran, .ran])
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 1, "loss_curves": 1])
    }

    @Test func noTruncationOfAnEntryIsEverTrusted() throws {
        let key = CacheKey(bytes: Array(repeating: 7, count: 32))
        let store = CacheStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID())"))
        defer { try? FileManager.default.removeItem(at: store.directory) }
        let entry = CacheEntry(
            display: .text("x"), payload: .domain(formatVersion: 1, bytes: Data(repeating: 1, count: 300)))
        try store.store(entry, for: key)
        let url = store.url(for: key)
        let data = try Data(contentsOf: url)
        guard case .hit = store.load(key) else {
            Issue.record("a complete entry must load")
            return
        }
        for length in 0..<data.count {
            try data.prefix(length).write(to: url)
            guard case .unusable = store.load(key) else {
                Issue.record("a truncation to \(length) bytes was accepted")
                return
            }
        }
    }
}

extension String {
    /// The bytes of a hex string, or nil if it is not one.
    var hexBytes: [UInt8]? {
        let digits = Array(utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).map { index in
            UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16)
        }.reduce(into: [UInt8]?.some([])) { bytes, byte in
            guard let byte else { return bytes = nil }
            bytes?.append(byte)
        }
    }
}

/// `nb --cache-info` read every `*.json` in the output folder with `Data(contentsOf:)`, so a FIFO
/// named like a run record held it forever; records are read through `ReadableFile` now.
@Test func cacheUsageSkipsARunRecordThatIsAFIFO() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nb-usage-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let fifo = directory.appendingPathComponent("notebook.json").path
    #expect(mkfifo(fifo, 0o644) == 0)
    let cache = CacheStore(directory: directory.appendingPathComponent(".cache"))
    let outcome = finishes(within: 5, unblocking: fifo) {
        let usage = CacheUsage(cache: cache, records: directory)
        #expect(usage.notebooks.isEmpty)
    }
    #expect(outcome != nil, "reading the records did not return within 5 s")
}
