import ArgumentParser
import Files
import Foundation
import Notebook
import Operations
import Report
import Runner

/// `nb FILE`: checks a Markdown notebook, runs it with caching, and writes its run record.
///
/// Exit status: 0 when everything ran, 1 when the notebook could not be read or checked, a
/// statement failed or the outputs could not be written, 2 for a usage error, 130 when Ctrl-C
/// stopped the run.
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

    @Flag(help: "Check the notebook and print what a run would do with each statement, and why, without running it.")
    var plan = false

    @Option(
        name: .customLong("set"), parsing: .singleValue,
        help: ArgumentHelp("Override a front-matter parameter; repeatable.", valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: "The directory for the run record and the cache.")
    var output = "Output"

    @Flag(help: "Also write the run as a Jupyter notebook, <output>/<name>.ipynb (nbformat 4.5).")
    var ipynb = false

    @Flag(help: "Run, then re-run what each save of the notebook or its data changes, until Ctrl-C.")
    var watch = false

    @Flag(help: "With --watch: serve the report on 127.0.0.1 and update open pages as it runs.")
    var serve = false

    @Option(help: "With --serve: the port to serve on, or the next free one.")
    var port: UInt16 = 8000

    @Flag(help: "List the operations cells can call, with their signatures.")
    var listOps = false

    @Flag(help: "Show the cache's entries and size, by notebook (from the run records in --output).")
    var cacheInfo = false

    @Flag(help: "Remove the cache entries no notebook's last run used, and print what that freed.")
    var prune = false

    func validate() throws {
        // A ValidationError, so argument-parser prints the usage line after the message.
        if let usageError { throw ValidationError(usageError.description) }
    }

    /// The first usage error in the arguments, if any.
    var usageError: CommandError? {
        if file == nil, !listOps, !cacheInfo, !prune { return .missingFile }
        if file != nil, cacheInfo || prune { return .cacheCommandWithFile }
        if output.isEmpty { return .emptyOutput }
        if serve, !watch { return .serveWithoutWatch }
        if watch, check || plan { return .watchWithCheckOrPlan }
        return nil
    }

    /// Parses the command line and runs, printing a `CommandError` with its exit status and mapping
    /// argument-parser's usage errors to exit status 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch let error as CommandError {
            printError(error.description)
            Self.exit(withError: ExitCode(error.exitCode))
        } catch {
            guard exitCode(for: error) != .success else { Self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Self.exit(withError: ExitCode(2))
        }
    }

    mutating func run() throws {
        let registry = Builtins.registry
        if listOps {
            print(registry.listing(), terminator: "")
            return
        }
        if prune { pruneCache() }
        if cacheInfo { printCacheInfo() }
        guard let file else { return }
        if watch {
            try WatchLoop(command: self, registry: registry).run()
            return
        }
        let source: SourceFile
        do {
            source = try SourceFile(contentsOf: file)
        } catch {
            throw CommandError.unreadableNotebook(error)
        }
        let document = Document(source: source)
        let (plan, diagnostics, previews) = Checker(registry: registry, hints: .nb).checkWithPreviews(
            document, overrides: overrides, cacheDirectory: cachePath)
        let renderer = DiagnosticRenderer(source: source)
        if !diagnostics.isEmpty { printError(renderer.render(diagnostics), terminator: "") }
        // Summaries are computed from shapes alone: shown by --check, and when other statements have errors.
        if check || plan == nil {
            for preview in previews {
                print(NBMessage.preview(file: file, line: preview.line, source: preview.source))
                print(preview.display.plainText + "\n")
            }
        }
        guard let plan else {
            throw CommandError.notebookHasErrors(file: file, count: diagnostics.filter(\.isError).count)
        }
        if check {
            print(NBMessage.checked(file: file, statements: plan.statements.count))
            return
        }
        if self.plan {
            let executor = Executor(
                plan: plan, cache: cache, fresh: fresh, observer: nil, previous: previousRecord(of: plan),
                digests: digests)
            print(TerminalObserver.plan(plan, schedule: executor.schedule()), terminator: "")
            return
        }
        try execute(plan, renderer: renderer)
    }

    var outputDirectory: URL { URL(fileURLWithPath: output) }
    var cache: CacheStore { CacheStore(directory: outputDirectory.appendingPathComponent(".cache")) }
    /// The cache's folder as the user would write it (`Output/.cache`), for messages.
    var cachePath: String { (output as NSString).appendingPathComponent(".cache") }
    var digests: FileDigests {
        FileDigests(memo: outputDirectory.appendingPathComponent(".cache/digests.json"))
    }

    /// `Output/<notebook>.json`, named as the report is (`ReportPage.name(ofNotebook:)`).
    private func recordURL(of plan: Plan) -> URL {
        outputDirectory.appendingPathComponent(ReportPage.name(ofNotebook: plan.document.source.path) + ".json")
    }

    /// The last run's record, to explain what changed; nil when there is none or it is unreadable.
    func previousRecord(of plan: Plan) -> RunRecord? {
        guard let data = try? ReadableFile(path: recordURL(of: plan).path).readToEnd() else { return nil }
        return try? RunRecord.decode(data)
    }

    private func execute(_ plan: Plan, renderer: DiagnosticRenderer) throws {
        try createOutputDirectory()
        let observer = TerminalObserver(renderer: renderer, isTerminal: isatty(STDOUT_FILENO) == 1, plan: plan)
        Interruption.install()
        let record = Executor(
            plan: plan, cache: cache, fresh: fresh, observer: observer, previous: previousRecord(of: plan),
            stop: Interruption.request, digests: digests
        ).run()
        let written = try writeOutputs(record, of: plan, renderer: renderer)
        print(observer.summary(of: record, recordPath: written.recordPath))
        print(NBMessage.report(path: written.reportPath))
        if let notebook = written.notebookPath { print(NBMessage.notebook(path: notebook)) }
        if record.wasInterrupted {
            print(NBMessage.interrupted)
            throw ExitCode(130)
        }
        if !record.succeeded { throw ExitCode(1) }
    }

    /// Creates the output folder and its cache: failing here beats failing after an hour of
    /// training with nowhere to write.
    func createOutputDirectory() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            // Foundation's own error here is a generic "could not be completed (error 512)".
            throw CommandError.outputNotADirectory(path: output, reason: SystemError.reason(errno: ENOTDIR))
        }
        do {
            try FileManager.default.createDirectory(
                at: outputDirectory.appendingPathComponent(".cache"), withIntermediateDirectories: true)
        } catch {
            throw CommandError.cannotCreateOutput(path: output, reason: SystemError.reason(error))
        }
    }

    /// Writes the run record, the report with its figures and, with `--ipynb`, the Jupyter
    /// notebook, all or none (and prints where statements failed); returns their paths and the page.
    func writeOutputs(_ record: RunRecord, of plan: Plan, renderer: DiagnosticRenderer) throws -> (
        recordPath: String, reportPath: String, page: ReportPage, notebookPath: String?
    ) {
        let recordURL = recordURL(of: plan)
        let recordPath = (output as NSString).appendingPathComponent(recordURL.lastPathComponent)
        for statement in record.statements where statement.status == .failed {
            let diagnostic = Diagnostic(.error, statement.message ?? statement.status.rawValue, at: statement.range)
            printError(renderer.render(diagnostic), terminator: "")
        }
        var page = ReportPage(document: plan.document, record: record, context: reportContext(for: plan.document))
        if page.context.katex == nil, page.hasMath {
            printError(CommandWarning.mathWithoutKaTeX(path: ReportContext.katexPath).description)
        }
        let notebookURL = outputDirectory.appendingPathComponent(page.name + ".ipynb")
        // The page and the record written together, all or none, so a full disk never leaves this
        // run's record beside the last run's report; the figure files go first, each on its own.
        do {
            var files = try page.files(in: outputDirectory) + [(try record.jsonData(), recordURL)]
            for (file, error) in page.unwrittenFigures.sorted(by: { $0.key < $1.key }) {
                let path = (output as NSString).appendingPathComponent(page.name + "/" + file)
                printError(CommandWarning.figureNotWritten(path: path, reason: error.reason).description)
            }
            if ipynb { files.append((try NotebookExport(document: plan.document, record: record).json(), notebookURL)) }
            try AtomicFile.write(files)
        } catch AtomicFileError.writeFailed(let path, let code) {
            throw CommandError.cannotWriteOutput(path: path, code: code)
        } catch {
            throw CommandError.cannotMakeOutputs(reason: SystemError.reason(error))
        }
        let notebookPath = ipynb ? (output as NSString).appendingPathComponent(notebookURL.lastPathComponent) : nil
        return (recordPath, page.pageURL(in: outputDirectory).path, page, notebookPath)
    }
}

/// What the report says about this nb, the notebook's commit and the machine.
private func reportContext(for document: Document) -> ReportContext {
    let path = document.source.path
    let commit = git(["log", "-1", "--format=%h", "--", path])
    let dirty = git(["status", "--porcelain", "--", path]).map { !$0.isEmpty } ?? false
    return ReportContext(
        version: NB.version, gitCommit: commit.flatMap { $0.isEmpty ? nil : $0 }, gitDirty: dirty,
        machine: .init(cores: ProcessInfo.processInfo.activeProcessorCount, blas: Builtins.matrixLibrary),
        katex: (try? ReadableFile(path: ReportContext.katexPath).readToEnd()).flatMap {
            String(data: $0, encoding: .utf8)
        })
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
