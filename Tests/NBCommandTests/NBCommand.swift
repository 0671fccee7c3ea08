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
    /// Whether nb runs without root's privileges, so that file permissions bind: when the tests
    /// run as root (a container), nb runs as `nobody` through setpriv(1); otherwise as the user.
    var unprivileged = false

    /// Whether `unprivileged` can be honoured here.
    static let canRunUnprivileged =
        geteuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv.path)
    private static let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")

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

    /// Starts nb with `arguments` in the folder, without waiting.
    func start(_ arguments: [String]) throws -> (process: Process, output: Pipe, errors: Pipe) {
        let process = Process()
        if unprivileged, geteuid() == 0 {
            process.executableURL = Self.setpriv
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Self.executable.path] + arguments
        } else {
            process.executableURL = Self.executable
            process.arguments = arguments
        }
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

/// An nb that keeps running (`--watch`), with what it has printed so far.
final class LiveProcess: @unchecked Sendable {
    // The lock guards `printed`; hence @unchecked.
    private let lock = NSLock()
    private var printed = ""
    let process: Process

    /// Starts nb with `arguments` in `command`'s folder.
    init(_ command: NBCommand, _ arguments: [String]) throws {
        let (process, output, errors) = try command.start(arguments)
        self.process = process
        for pipe in [output, errors] {
            let handle = pipe.fileHandleForReading
            Thread.detachNewThread { [weak self] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { return }
                    self?.append(String(decoding: data, as: UTF8.self))
                }
            }
        }
    }

    private func append(_ text: String) {
        lock.withLock { printed += text }
    }

    /// Everything printed so far, standard output and error interleaved.
    var output: String { lock.withLock { printed } }

    /// Waits until `condition` holds, for at most `seconds`; whether it did.
    @discardableResult
    func wait(seconds: Double = 60, until condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Sends `signal` and waits for the process to end; its exit status.
    func stop(_ signal: Int32 = SIGINT) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// A plain HTTP/1.1 exchange with 127.0.0.1 over a socket, sending `path` exactly as given (no
/// client normalises `/../` away): the status code and the body received within `seconds`.
func httpGet(
    port: UInt16, path: String, readUntil marker: String? = nil, seconds: Double = 5,
    received progress: ((String) -> Void)? = nil
) -> (status: Int, text: String) {
    // Each read gives up after 0.2 s, so the loop below can watch its own deadline.
    guard let descriptor = connectToLoopback(port: port, timeout: 0.2) else { return (0, "") }
    defer { close(descriptor) }
    let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    var received: [UInt8] = []
    let deadline = Date(timeIntervalSinceNow: seconds)
    var buffer = [UInt8](repeating: 0, count: 65536)
    while Date() < deadline {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count == 0 { break }
        if count > 0 {
            received += buffer[0..<count]
            progress?(String(decoding: received, as: UTF8.self))
        }
        if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
    }
    let text = String(decoding: received, as: UTF8.self)
    let status = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return (status, text)
}
