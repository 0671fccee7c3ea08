import Testing

/// A model's summary is computed from shapes alone: `--check` shows it, and so does a check that
/// fails on another statement, so the shapes can be read while the error is fixed.
@Test(arguments: [false, true])
func checkShowsAModelsSummaryEvenWhenAnotherStatementHasAnError(broken: Bool) throws {
    let command = try NBCommand()
    defer { command.remove() }
    try command.write(
        notebook: """
            ```nb
            d = mnist(split: "test", limit: 10)
            m = vae(encoder: seq([conv2d(4, kernel: 5), max_pool2d(2), flatten()]),
                    decoder: seq([linear(784)]), latent: 2)
            summary(m, input: d)
            x = \(broken ? "ratio(1, to: \"a\")" : "ratio(1, to: 2)")
            ```

            """)
    let result = try command.run(["notebook.md", "--output", "out", "--check"])
    #expect(result.status == (broken ? 1 : 0))
    let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "notebook.md:5: summary(m, input: d), from shapes alone:")
    #expect(
        lines.contains { $0.hasPrefix("encoder.0  Conv2d(1, 4, kernel_size=(5, 5), stride=(1, 1))") })
    let total = try #require(lines.first { $0.hasPrefix("total") })
    // Parameters: the convolution 4·25 + 4, each head 576·2 + 2, the decoder 2·784 + 784. Multiply-adds:
    // the convolution 4·24·24·25, each head 576·2, the decoder 2·784.
    #expect(total.split(separator: " ").map(String.init) == ["total", "4,764", "61,472"])
    #expect(result.errors.contains("error:") == broken)
}
