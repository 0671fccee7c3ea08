import Foundation
import Testing

/// A notebook that trains on `digits/` and saves the fit to `path` (Swift source of a String).
private func saving(to path: String) -> String {
    """
    # Save

    ```nb
    d = mnist(split: "test", limit: 10, data: "digits")
    m = mlp_vae(hidden: [8], latent: 2)
    f = train(m, on: d, epochs: 1, batch: 10)
    save(f, path: \(path))
    ```

    """
}

/// What nb never writes over, as the message ends.
private let never = "which nb never writes over; choose another path"

/// `save(f, path: "notebook.md")` used to replace the notebook with safetensors bytes (status 0),
/// and a path to a data file the run read did the same to the data. A literal path is now an
/// error of the check, at the argument, and nothing runs.
@Test(arguments: [
    (#""notebook.md""#, "'notebook.md' is the notebook being run ('notebook.md')"),
    (#""./digits/../notebook.md""#, "'./digits/../notebook.md' is the notebook being run ('notebook.md')"),
    (
        #""digits/t10k-images-idx3-ubyte""#,
        "'digits/t10k-images-idx3-ubyte' is a file this run reads ('‹dir›/digits/t10k-images-idx3-ubyte')"
    ),
    (#""out/.cache/f.safetensors""#, "'out/.cache/f.safetensors' is a file in nb's cache ('out/.cache')"),
])
func aLiteralPathOverTheNotebookItsDataOrTheCacheIsACheckError(path: String, message: String) throws {
    let command = try NBCommand()
    defer { command.remove() }
    try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 10, variant: 0)
    try command.write(notebook: saving(to: path))
    let before = try command.bytes(of: "notebook.md")
    let result = try command.run(["notebook.md", "--output", "out"])
    let errors = result.errors.replacingOccurrences(of: command.directory.path, with: "‹dir›")
    #expect(result.status == 1)
    #expect(
        errors == """
            notebook.md:7:15: error: \(message), \(never)
            save(f, path: \(path))
                          \(String(repeating: "^", count: 1) + String(repeating: "~", count: path.count - 1))
            nb: 1 error in notebook.md; nothing was run

            """)
    #expect(try command.bytes(of: "notebook.md") == before)
}

/// A path known only when the statement runs is refused then: the statement fails, the
/// notebook and the data keep their bytes, and the run still writes its record.
@Test(arguments: [
    ("notebook.md", "it is the notebook being run ('notebook.md')"),
    ("digits/t10k-labels-idx1-ubyte", "it is a file this run reads ('‹dir›/digits/t10k-labels-idx1-ubyte')"),
])
func aComputedPathOverTheNotebookOrItsDataIsRefusedWhenItRuns(path: String, reason: String) throws {
    let command = try NBCommand()
    defer { command.remove() }
    try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 10, variant: 0)
    try command.write(notebook: saving(to: "compare(1.0, 2.0, less: \"\(path)\", greater: \"elsewhere\")"))
    let before = try [command.bytes(of: "notebook.md"), command.bytes(of: path)]
    let result = try command.run(["notebook.md", "--output", "out"])
    #expect(result.status == 1)
    let errors = result.errors.replacingOccurrences(of: command.directory.path, with: "‹dir›")
    #expect(errors.hasPrefix("notebook.md:7:1: error: refused to write '\(path)': \(reason), \(never)\n"), "\(errors)")
    #expect(try [command.bytes(of: "notebook.md"), command.bytes(of: path)] == before)
    #expect(try command.record().statements.map(\.status) == [.ran, .ran, .ran, .failed])
}

/// `--output .` used to write the record `q.json` over a notebook named `q.json`, and `--ipynb`
/// `s.ipynb` over `s.ipynb`: every output is named as the report is, the file name without `.md`.
@Test(arguments: [
    ("q.json", ["--output", "."], ["q.json.json", "q.json.html"]),
    ("s.ipynb", ["--output", ".", "--ipynb"], ["s.ipynb.json", "s.ipynb.html", "s.ipynb.ipynb"]),
    (".md", ["--output", "out"], ["out/notebook.json", "out/notebook.html"]),
])
func outputsAreNeverNamedAsTheNotebook(notebook: String, options: [String], outputs: [String]) throws {
    let command = try NBCommand()
    defer { command.remove() }
    let text = Data("# Sums\n\n```nb\nx = ratio(3, to: 4)\n```\n".utf8)
    try text.write(to: command.directory.appendingPathComponent(notebook))
    let result = try command.run([notebook] + options)
    #expect(result.status == 0, "\(result.errors)")
    #expect(try command.bytes(of: notebook) == text)
    for output in outputs {
        #expect(FileManager.default.fileExists(atPath: command.directory.appendingPathComponent(output).path))
    }
    #expect(!FileManager.default.fileExists(atPath: command.directory.appendingPathComponent("out/.md.json").path))
}
