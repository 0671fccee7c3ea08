import ArgumentParser
import Foundation
import Notebook
import Runner

/// `nb FILE`: checks a Markdown notebook, runs it with caching, and writes its run record.
///
/// Exit status: 0 when everything ran, 1 when the check or a statement failed, 2 for a usage
/// error.
@main
struct NB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nb", abstract: "Runs Markdown notebooks of machine-learning experiments.")

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
            printError("nb: error: cannot read '\(file)': \(error.localizedDescription)")
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
        let observer = TerminalObserver(renderer: renderer, isTerminal: isatty(STDOUT_FILENO) == 1)
        let cache = CacheStore(directory: outputDirectory.appendingPathComponent(".cache"))
        let record = Executor(plan: plan, cache: cache, fresh: fresh, observer: observer).run()

        let name = URL(fileURLWithPath: plan.document.source.path).deletingPathExtension().lastPathComponent
        let recordURL = outputDirectory.appendingPathComponent("\(name).json")
        let recordPath = (output as NSString).appendingPathComponent("\(name).json")
        do {
            try AtomicFile.write(try record.jsonData(), to: recordURL)
        } catch {
            printError("nb: error: cannot write the run record '\(recordURL.path)': \(error)")
            throw ExitCode(1)
        }
        for statement in record.statements where statement.status == .failed {
            let diagnostic = Diagnostic(.error, statement.message ?? "failed", at: statement.range)
            printError(renderer.render(diagnostic), terminator: "")
        }
        print(observer.summary(of: record, recordPath: recordPath))
        if !record.succeeded { throw ExitCode(1) }
    }
}

/// Writes `text` to standard error.
func printError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}
