import Runner

extension CheckHints {
    /// What nb names in checker messages (its `CheckHints.nb`), so the tests assert nb's exact text.
    static let nb = CheckHints(listOperations: "nb --list-ops", setFlag: "--set", quoteExample: "parameters(fit)")
}
