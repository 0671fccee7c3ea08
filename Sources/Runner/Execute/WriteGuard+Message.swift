extension WriteGuard.Protected: CustomStringConvertible {
    /// Names it for a message: "the notebook being run ('t.md')", "a file in nb's cache ('Output/.cache')".
    public var description: String {
        switch self {
        case .notebook(let path): "the notebook being run ('\(path)')"
        case .input(let path): "a file this run reads ('\(path)')"
        case .cache(let path): "a file in nb's cache ('\(path)')"
        }
    }
}
