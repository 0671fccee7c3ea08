import ArgumentParser
import Foundation
import Notebook
import Operations
import Report
import Runner

/// `nb FILE`: checks a Markdown notebook, runs it with caching, and writes its run record.
///
/// Exit status: 0 when everything ran, 1 when the check or a statement failed, 2 for a usage
/// error.
@main
struct NB: ParsableCommand {
    /// nb's version, shown by `--version` and in reports.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "nb", abstract: "Runs Markdown notebooks of machine-learning experiments.", version: version)

    @Argument(help: "The notebook to run, a Markdown file with ```nb cells.")
    var file: String?

    @Flag(help: "Check the notebook and report every problem, without running anything.")
    var check = false

    @Flag(help: "Ignore cached results and recompute every statement.")
    var fresh = false

    @Option(
        name: .customLong("set"), parsing: .singleValue,
        help: ArgumentHelp("Override a front-matter parameter; repeatable.", valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: "The directory for the run record and the cache.")
    var output = "Output"

    @Flag(help: "List the operations cells can call, with their signatures.")
    var listOps = false

    func validate() throws {
        if file == nil, !listOps { throw ValidationError("missing the notebook file: nb FILE") }
    }

    /// Parses the command line and runs, mapping usage errors to exit status 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch {
            guard exitCode(for: error) != .success else { Self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Self.exit(withError: ExitCode(2))
        }
    }

    mutating func run() throws {
        let registry = OperationCatalog.registry()
        if listOps {
            print(registry.operations.isEmpty ? "No operations are registered." : registry.listing(), terminator: "")
            return
        }
        guard let file else { return }
        let source: SourceFile
        do {
            source = try SourceFile(contentsOf: file)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        let document = Document(source: source)
        let (plan, diagnostics) = Checker(registry: registry).check(document, overrides: overrides)
        let renderer = DiagnosticRenderer(source: source)
        if !diagnostics.isEmpty { printError(renderer.render(diagnostics), terminator: "") }
        guard let plan else {
            let count = diagnostics.filter(\.isError).count
            printError("nb: \(count) error\(count == 1 ? "" : "s") in \(file); nothing was run")
            throw ExitCode(1)
        }
        if check {
            print("\(file): no errors; \(plan.statements.count) statements checked")
            return
        }
        try execute(plan, renderer: renderer)
    }

    private func execute(_ plan: Plan, renderer: DiagnosticRenderer) throws {
        let outputDirectory = URL(fileURLWithPath: output)
        // Fail before the first statement rather than after an hour of training with nowhere to write.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            // Foundation's own error here is a generic "could not be completed (error 512)".
            printError(
                "nb: error: cannot use '\(output)' as the output directory: \(SystemError.reason(errno: ENOTDIR)); "
                    + "choose another with --output")
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(
                at: outputDirectory.appendingPathComponent(".cache"), withIntermediateDirectories: true)
        } catch {
            printError(
                "nb: error: cannot create the output directory '\(output)': \(SystemError.reason(error)); choose another with --output"
            )
            throw ExitCode(1)
        }
        let observer = TerminalObserver(renderer: renderer, isTerminal: isatty(STDOUT_FILENO) == 1)
        let cache = CacheStore(directory: outputDirectory.appendingPathComponent(".cache"))
        let record = Executor(plan: plan, cache: cache, fresh: fresh, observer: observer).run()

        let name = URL(fileURLWithPath: plan.document.source.path).deletingPathExtension().lastPathComponent
        let recordURL = outputDirectory.appendingPathComponent("\(name).json")
        let recordPath = (output as NSString).appendingPathComponent("\(name).json")
        for statement in record.statements where statement.status == .failed {
            let diagnostic = Diagnostic(.error, statement.message ?? "failed", at: statement.range)
            printError(renderer.render(diagnostic), terminator: "")
        }
        let page = ReportPage(document: plan.document, record: record, context: reportContext(for: plan.document))
        // The record and the report are written together, all or none, so a full disk never
        // leaves this run's record beside the last run's report.
        do {
            try AtomicFile.write(try page.files(in: outputDirectory) + [(try record.jsonData(), recordURL)])
        } catch AtomicFileError.writeFailed(let path, let reason) {
            printError(
                "nb: error: cannot write '\(path)': \(reason); the previous run's record and report are left as they "
                    + "were: free some disk space or choose another --output")
            throw ExitCode(1)
        } catch {
            printError("nb: error: \(error)")
            throw ExitCode(1)
        }
        let reportPath = page.pageURL(in: outputDirectory).path
        print(observer.summary(of: record, recordPath: recordPath))
        print("report: \(reportPath)")
        if !record.succeeded { throw ExitCode(1) }
    }
}

/// What the report says about this nb, the notebook's commit and the machine.
private func reportContext(for document: Document) -> ReportContext {
    let path = document.source.path
    let commit = git(["log", "-1", "--format=%h", "--", path])
    let dirty = git(["status", "--porcelain", "--", path]).map { !$0.isEmpty } ?? false
    return ReportContext(
        version: NB.version, gitCommit: commit.flatMap { $0.isEmpty ? nil : $0 }, gitDirty: dirty,
        machine: .init(cores: ProcessInfo.processInfo.activeProcessorCount, blas: MachineInfo.blas))
}

/// The trimmed output of a git command run where the notebook is, or nil when git fails.
private func git(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Writes `text` to standard error.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
