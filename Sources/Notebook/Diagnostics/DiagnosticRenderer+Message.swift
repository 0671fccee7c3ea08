/// The renderer's own line of text, beside the diagnostics it quotes.
extension DiagnosticRenderer {
    /// The line that counts the `omitted` diagnostics left out past the limit.
    static func omittedNote(_ omitted: Int) -> String {
        "note: \(omitted) more problem\(omitted == 1 ? "" : "s") not shown; fix these first\n"
    }
}
