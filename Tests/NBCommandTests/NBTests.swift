import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Two statements that need no data and run in milliseconds.
private let sums = """
    # Sums

    ```nb
    x = ratio(3, to: 4)
    y = percent(x)
    ```

    """

/// A statement that fails when it runs (its data folder does not exist), one that depends on it
/// and two that do not.
private let failing = """
    # Sums

    ```nb
    d = mnist(split: "test", limit: 10, data: "nowhere")
    n = percent(0.5)
    m = mlp_vae(hidden: [8], latent: 2)
    f = train(m, on: d, epochs: 1)
    ```

    """

/// One call of `nb` and all it must do, as the manual would list it: the exit status, and
/// exactly what goes to standard output and to standard error. Times, the run's folder, cache
/// keys and argument-parser's usage line are written `‹time›`, `‹dir›`, `‹hash›`, `‹usage›`.
struct Invocation: CustomTestStringConvertible, Sendable {
    let name: String
    /// Written as `notebook.md` before nb runs, if given.
    var notebook: String? = sums
    /// What else the folder holds.
    var prepare: @Sendable (NBCommand) throws -> Void = { _ in }
    let arguments: [String]
    let status: Int32
    var output = ""
    var errors = ""
    /// Whether `out/notebook.json` is a run record afterwards.
    var writesRecord = false

    var testDescription: String { name }

    /// Usage errors: status 2, argument-parser's `Error: ` and the usage line, nothing run.
    static let usage = [
        Invocation(
            name: "no notebook", arguments: [], status: 2,
            errors: """
                Error: missing the notebook file: nb FILE
                ‹usage›
                  See 'nb --help' for more information.

                """),
        Invocation(
            name: "an unknown option", arguments: ["notebook.md", "--frobnicate"], status: 2,
            errors: """
                Error: Unknown option '--frobnicate'
                ‹usage›
                  See 'nb --help' for more information.

                """),
        Invocation(
            name: "--serve without --watch", arguments: ["notebook.md", "--serve"], status: 2,
            errors: """
                Error: --serve needs --watch: nb FILE --watch --serve
                ‹usage›
                  See 'nb --help' for more information.

                """),
        Invocation(
            name: "--watch with --check", arguments: ["notebook.md", "--watch", "--check"], status: 2,
            errors: """
                Error: --watch runs the notebook; it does not go with --check or --plan
                ‹usage›
                  See 'nb --help' for more information.

                """),
        // It used to mean the current folder, where the outputs land beside the notebooks.
        Invocation(
            name: "an empty --output", arguments: ["notebook.md", "--output", ""], status: 2,
            errors: """
                Error: --output needs a folder name; for the current folder write --output .
                ‹usage›
                  See 'nb --help' for more information.

                """),
    ]

    /// Checking: status 0 with a count when the notebook is sound, 1 with its diagnostics when not;
    /// either way nothing runs.
    static let checking = [
        Invocation(
            name: "--check on a sound notebook", arguments: ["notebook.md", "--check", "--output", "out"], status: 0,
            output: "notebook.md: no errors; 2 statements checked\n"),
        Invocation(
            name: "--check on a notebook with an error", notebook: "# Sums\n\n```nb\nx = ratoi(3, to: 4)\n```\n",
            arguments: ["notebook.md", "--check", "--output", "out"], status: 1,
            errors: """
                notebook.md:4:5: error: unknown operation 'ratoi'; did you mean 'ratio'?
                x = ratoi(3, to: 4)
                    ^~~~~
                nb: 1 error in notebook.md; nothing was run

                """),
        Invocation(
            name: "a run of a notebook with two errors",
            notebook: "# Sums\n\n```nb\nx = ratoi(3, to: 4)\ny = percent(0.5, digits: 9)\n```\n",
            arguments: ["notebook.md", "--output", "out"], status: 1,
            errors: """
                notebook.md:4:5: error: unknown operation 'ratoi'; did you mean 'ratio'?
                x = ratoi(3, to: 4)
                    ^~~~~
                notebook.md:5:26: error: 'digits' must be in 0...6, got 9
                y = percent(0.5, digits: 9)
                                         ^
                nb: 2 errors in notebook.md; nothing was run

                """),
    ]

    /// Runs: status 0 when every statement ran, 1 when one failed (the record and report are
    /// still written), with a line per statement and the summary on standard output.
    static let running = [
        Invocation(
            name: "a run where every statement runs", arguments: ["notebook.md", "--output", "out"], status: 0,
            output: """
                  ran         x = ratio(3, to: 4)                                          ‹time› · new
                  ran         y = percent(x)                                               ‹time› · new
                2 ran in ‹time›; run record: out/notebook.json
                report: ‹dir›/out/notebook.html

                """, writesRecord: true),
        Invocation(
            name: "a run where a statement fails", notebook: failing, arguments: ["notebook.md", "--output", "out"],
            status: 1,
            output: """
                  failed      d = mnist(split: "test", limit: 10, data: "nowhere")         ‹time› · new
                  ran         n = percent(0.5)                                             ‹time› · new
                  ran         m = mlp_vae(hidden: [8], latent: 2)                          ‹time› · new
                  skipped     f = train(m, on: d, epochs: 1)                               ‹time› · new
                              not run: it reads 'd' (line 4), which failed
                2 ran, 1 failed, 1 skipped in ‹time›; run record: out/notebook.json
                report: ‹dir›/out/notebook.html

                """,
            errors: """
                notebook.md:4:1: error: MNIST test split not found: looked for t10k-images-idx3-ubyte.gz and \
                t10k-labels-idx1-ubyte.gz in:
                d = mnist(split: "test", limit: 10, data: "nowhere")
                ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
                    ‹dir›/nowhere (the directory given)
                  MNIST ships with nb in Data/mnist: restore it with `git checkout -- Data/mnist` in the project, or \
                set NB_DATA to a folder holding mnist/.

                """, writesRecord: true),
    ]

    /// Files nb cannot read or write: status 1, one message on standard error.
    static let files = [
        Invocation(
            name: "a notebook that does not exist", notebook: nil, arguments: ["missing.md", "--output", "out"],
            status: 1, errors: "missing.md: error: cannot read the notebook: No such file or directory\n"),
        Invocation(
            name: "a folder given as the notebook",
            prepare: { try $0.makeFolder("folder.md") },
            arguments: ["folder.md", "--output", "out"], status: 1,
            errors: "folder.md: error: cannot read the notebook: Is a directory\n"),
        Invocation(
            name: "a notebook that is not UTF-8", notebook: nil,
            prepare: { try Data([0x23, 0x20, 0xFF, 0x0A]).write(to: $0.url("notebook.md")) },
            arguments: ["notebook.md", "--output", "out"], status: 1,
            errors: """
                notebook.md: error: not a UTF-8 text file: byte 2 (0xFF) is not valid UTF-8; save the notebook as \
                UTF-8 text

                """),
        Invocation(
            name: "an output directory that is a regular file",
            prepare: { try Data("x".utf8).write(to: $0.url("out")) },
            arguments: ["notebook.md", "--output", "out"], status: 1,
            errors: """
                nb: error: cannot use 'out' as the output directory: Not a directory; choose another with --output

                """),
        Invocation(
            name: "a run record that cannot replace what is in its place",
            prepare: { try $0.makeFolder("out/notebook.json") },
            arguments: ["notebook.md", "--output", "out"], status: 1,
            output: """
                  ran         x = ratio(3, to: 4)                                          ‹time› · new
                  ran         y = percent(x)                                               ‹time› · new

                """,
            errors: "nb: error: could not write '‹dir›/out/notebook.json': Is a directory\n"),
    ]

    /// What only binds without root's privileges (see `NBCommand.unprivileged`).
    static let permissions = [
        Invocation(
            name: "a notebook nb may not read",
            prepare: { try $0.setPermissions(0, of: "notebook.md") },
            arguments: ["notebook.md", "--check"], status: 1,
            errors: "notebook.md: error: cannot read the notebook: Permission denied\n"),
        Invocation(
            name: "an output directory nb may not write to",
            prepare: {
                try $0.makeFolder("out/.cache")
                try $0.setPermissions(0o555, of: "out")
                try $0.setPermissions(0o555, of: "out/.cache")
            },
            arguments: ["notebook.md", "--output", "out"], status: 1,
            output: """
                  ran         x = ratio(3, to: 4)                                          ‹time› · new
                  ran         y = percent(x)                                               ‹time› · new

                """,
            errors: """
                notebook.md:4:1: warning: could not cache the result of line 4: could not write \
                '‹dir›/out/.cache/‹hash›.nbc': Permission denied; the next run will recompute it
                x = ratio(3, to: 4)
                ^~~~~~~~~~~~~~~~~~~
                notebook.md:5:1: warning: could not cache the result of line 5: could not write \
                '‹dir›/out/.cache/‹hash›.nbc': Permission denied; the next run will recompute it
                y = percent(x)
                ^~~~~~~~~~~~~~
                nb: error: cannot write '‹dir›/out/notebook.html': Permission denied; the previous run's record and \
                report are left as they were: make the folder writable for you or choose another --output

                """),
    ]
}

/// `text` with what changes from run to run replaced by placeholders: durations (`< 0.1 s`,
/// `2.5 s`), the run's folder, cache keys, and the usage line argument-parser prints.
private func normalised(_ text: String, in directory: URL) -> String {
    text.replacing(directory.resolvingSymlinksInPath().path, with: "‹dir›")
        .replacing(directory.path, with: "‹dir›")
        .replacing(#/(< )?[0-9]+\.[0-9] s/#, with: "‹time›")
        .replacing(#/[0-9a-f]{64}/#, with: "‹hash›")
        .replacing(#/(?m)^Usage: nb .*$/#, with: "‹usage›")
}

/// The nb command's exit statuses and messages, run as a user runs it.
@Suite struct NBTests {
    private func check(_ invocation: Invocation, unprivileged: Bool = false) throws {
        var command = try NBCommand()
        defer {
            // A user who is not root could not delete what a row made read-only.
            for name in ["out", "out/.cache"] {
                try? command.setPermissions(0o755, of: name)
            }
            command.remove()
        }
        command.unprivileged = unprivileged
        if let notebook = invocation.notebook { try command.write(notebook: notebook) }
        try invocation.prepare(command)
        let result = try command.run(invocation.arguments)
        #expect(result.status == invocation.status, "\(result.errors)")
        #expect(normalised(result.output, in: command.directory) == invocation.output)
        #expect(normalised(result.errors, in: command.directory) == invocation.errors)
        #expect(((try? command.record()) != nil) == invocation.writesRecord)
    }

    @Test(arguments: Invocation.usage + Invocation.checking + Invocation.running + Invocation.files)
    func nbEndsWithTheStatusAndTheMessagesOfTheManual(_ invocation: Invocation) throws {
        try check(invocation)
    }

    @Test(.enabled(if: NBCommand.canRunUnprivileged), arguments: Invocation.permissions)
    func filesNbMayNotReadOrWriteEndTheRunWithAMessage(_ invocation: Invocation) throws {
        try check(invocation, unprivileged: true)
    }

    @Test func aSecondRunTakesEveryStatementFromTheCache() throws {
        let command = try NBCommand()
        defer { command.remove() }
        try command.write(notebook: sums)
        #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
        let second = try command.run(["notebook.md", "--output", "out"])
        #expect(second.status == 0)
        #expect(
            normalised(second.output, in: command.directory) == """
                  cached      x = ratio(3, to: 4)                                          ‹time›
                  cached      y = percent(x)                                               ‹time›
                2 cached in ‹time›; run record: out/notebook.json
                report: ‹dir›/out/notebook.html

                """)
        #expect(second.errors == "")
    }

    @Test func listOpsPrintsEverySignatureWithItsDocSortedByName() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let result = try command.run(["--list-ops"])
        #expect(result.status == 0)
        #expect(result.errors == "")
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "")
        let entries = stride(from: 0, to: lines.count - 1, by: 2).map { (lines[$0], lines[$0 + 1]) }
        #expect(entries.count >= 20, "\(result.output)")
        #expect(entries.allSatisfy { !$0.0.hasPrefix(" ") && $0.1.hasPrefix("    ") && $0.1.count > 4 })
        let names = entries.map { String($0.0.prefix { $0 != "(" }) }
        #expect(names == names.sorted() && Set(names).count == names.count, "\(names)")
        for entry in [
            (
                "mnist(split: String = \"train\" (\"train\" | \"test\"), limit: Int? (>= 1), data: String? (non-empty)) "
                    + "-> Dataset",
                "    Loads a split of MNIST (28×28 grey images, 10 classes), optionally only its first images."
            ),
            ("ratio(_ value: Float, to: Float) -> Float", "    The first number divided by the second."),
            (
                "train(_ model: Model, on: Dataset, validate: Dataset?, epochs: Int = 10 (1...1000), "
                    + "batch: Int = 128 (1...65536), lr: Float = 0.001 (> 0 and <= 10), beta: Float = 1.0 (0...1000), "
                    + "seed: Int? (>= 0)) -> Fit",
                "    Trains a model with Adam on BCE + β·KL per image; gives the trained weights and the history per "
                    + "epoch."
            ),
        ] {
            #expect(entries.contains { $0 == entry }, "\(entry.0)")
        }
    }
}

extension NBCommand {
    /// A path in the folder.
    func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Makes a folder, and those above it, in the folder.
    func makeFolder(_ name: String) throws {
        try FileManager.default.createDirectory(at: url(name), withIntermediateDirectories: true)
    }

    /// Sets the permission bits of a file or folder in the folder.
    func setPermissions(_ permissions: Int, of name: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: url(name).path)
    }
}
