import Foundation
import Runner
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The `nb` executable the package built, run as a user runs it: in a folder of its own, with its
/// own environment.
struct NBCommand {
    /// The built `nb`, beside the test bundle (SwiftPM builds every product before testing).
    static let executable: URL = {
        let besideTests = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("nb")
        if let besideTests, FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return FixturePaths.projectRoot.appendingPathComponent(".build/debug/nb")
    }()

    /// The folder the command runs in (and writes `out/` and saved files to).
    let directory: URL
    /// Extra environment variables.
    var environment: [String: String] = [:]

    /// A new empty folder to run in.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nb-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` as `notebook.md` in the folder.
    func write(notebook text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent("notebook.md"))
    }

    /// A finished run: exit status and what it printed.
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Starts `nb notebook.md --output out` plus `arguments`, without waiting.
    func start(_ arguments: [String]) throws -> (process: Process, output: Pipe, errors: Pipe) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NB_DATA")
        environment.merge(self.environment) { _, new in new }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    /// Runs nb with `arguments` to the end.
    @discardableResult
    func run(_ arguments: [String]) throws -> Result {
        let (process, output, errors) = try start(arguments)
        // Read both pipes before waiting, so a full pipe never blocks the child.
        let errorData = ReadInBackground(errors)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// Runs nb on the notebook, sending `signal` once training has finished `epochs` epochs
    /// (once the cache holds `entries` entries), then waits for it to end.
    func run(_ arguments: [String], signal: Int32, whenCacheHolds entries: Int) throws -> Result {
        let (process, output, errors) = try start(arguments)
        let outputData = ReadInBackground(output)
        let errorData = ReadInBackground(errors)
        let deadline = Date(timeIntervalSinceNow: 120)
        while process.isRunning, cacheEntries() < entries, Date() < deadline { usleep(2000) }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: outputData.wait(), as: UTF8.self),
            errors: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// How many entry files the run's cache holds.
    func cacheEntries() -> Int {
        let cache = directory.appendingPathComponent("out/.cache").path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        return files.filter { $0.hasSuffix(".nbc") }.count
    }

    /// The run record the last run wrote.
    func record() throws -> RunRecord {
        try RunRecord.decode(Data(contentsOf: directory.appendingPathComponent("out/notebook.json")))
    }

    /// The bytes of a file the run wrote, relative to the folder.
    func bytes(of name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Reads a pipe to its end on another thread.
final class ReadInBackground: @unchecked Sendable {
    // The semaphore orders the write of `data` before its read; hence @unchecked.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
