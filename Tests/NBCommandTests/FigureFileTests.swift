import Foundation
import Testing

/// Trains on `digits/` a model named `name` and maps its latent space: a figure titled
/// "Latent map <name>".
private func mapping(name: String) -> String {
    """
    # Map

    ```nb
    d = mnist(split: "test", limit: 10, data: "digits")
    m = mlp_vae(hidden: [8], latent: 2, name: "\(name)")
    f = train(m, on: d, epochs: 1, batch: 10)
    latent_map(f, images: d)
    ```

    """
}

/// A 300-character model name used to make a figure file name the file system refused
/// (ENAMETOOLONG), and nb then wrote neither record nor report and advised freeing disk space.
@Test func aModelNameOf300CharactersGivesAFigureFileOfABoundedName() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 10, variant: 0)
    try command.write(notebook: mapping(name: String(repeating: "m", count: 300)))
    let result = try command.run(["notebook.md", "--output", "out"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.errors == "")
    let figures = try FileManager.default.contentsOfDirectory(
        atPath: command.directory.appendingPathComponent("out/notebook").path)
    let expected = "latent-map-\(String(repeating: "m", count: 44))-‹hash›.svg"
    #expect(figures.map { $0.replacing(#/[0-9a-f]{8}/#, with: "‹hash›") } == [expected])
    #expect(try command.record().statements.map(\.status) == [.ran, .ran, .ran, .ran])
}

/// A figure file that cannot be written costs only that file: the run succeeds, the record and
/// the report are written, and the report says so at the figure.
@Test func aFigureThatCannotBeWrittenLeavesTheReportAndTheRecord() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 10, variant: 0)
    try command.write(notebook: mapping(name: "m"))
    // A folder where the figure's file goes: rename(2) refuses to replace it.
    try FileManager.default.createDirectory(
        at: command.directory.appendingPathComponent("out/notebook/latent-map-m.svg/kept"),
        withIntermediateDirectories: true)
    let result = try command.run(["notebook.md", "--output", "out"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(
        result.errors == "nb: warning: cannot write the figure 'out/notebook/latent-map-m.svg': Is a directory; the "
            + "report shows the figure without its file\n")
    #expect(try command.record().statements.map(\.status) == [.ran, .ran, .ran, .ran])
    let report = try String(decoding: command.bytes(of: "out/notebook.html"), as: UTF8.self)
    #expect(
        report.contains(
            "<span class=\"figure-error\">(its file latent-map-m.svg could not be written: Is a directory; the figure "
                + "is only on this page)</span>"))
}
