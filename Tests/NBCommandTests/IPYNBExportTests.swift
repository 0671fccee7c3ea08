import Foundation
import Testing

/// `nb FILE --ipynb` writes the run as a notebook beside the report, with the prose's values.
@Test func theIpynbFlagWritesTheRunAsAJupyterNotebook() throws {
    let command = try NBCommand()
    defer { command.remove() }
    try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 20, variant: 3)
    try command.write(
        notebook: """
            # Export

            The data set has `{nb} percent(ratio(10, to: 40))` of the images, $x^2$.

            ```nb
            d = mnist(split: "test", limit: 20, data: "digits")
            d
            ```

            """)
    let result = try command.run(["notebook.md", "--output", "out", "--ipynb"])
    #expect(result.status == 0, "\(result.errors)")
    #expect(result.output.contains("notebook: out/notebook.ipynb"))
    let data = try Data(contentsOf: command.directory.appendingPathComponent("out/notebook.ipynb"))
    let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(notebook["nbformat"] as? Int == 4)
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    #expect(cells.map { $0["cell_type"] as? String } == ["markdown", "code"])
    #expect((cells[0]["source"] as? [String])?.last == "The data set has 25% of the images, $x^2$.")
    let outputs = try #require(cells[1]["outputs"] as? [[String: Any]])
    #expect(!outputs.isEmpty)
    #expect(outputs.allSatisfy { $0["output_type"] as? String == "display_data" })
}
