/// A problem in a notebook's Markdown structure or front matter; `description` is the one place
/// its text is written.
public enum DocumentError: Error, Hashable, DiagnosticMessage {
    /// A fence opened and never closed; `fence` is the opening marker (```` ``` ```` or `~~~`).
    case unclosedFence(fence: String, isCell: Bool)
    /// A front matter opened by `---` on the first line and never closed.
    case unclosedFrontMatter
    /// A top-level front-matter key other than `title`, `seed` and `params`.
    case unknownKey(String)
    /// A key or parameter given twice.
    case duplicateKey(String, firstLine: Int)
    /// A line that is not `key: value`.
    case expectedKeyValue
    /// An indented line that is not under `params:`.
    case unexpectedIndentation
    /// `params:` followed by a value on the same line.
    case paramsNeedIndentedLines
    /// A parameter name that is not a valid cell name.
    case invalidParameterName(String)
    /// A key with nothing after the colon.
    case missingValue(String)
    /// A `seed` that is not a non-negative integer.
    case invalidSeed
    /// A parameter whose value is a call or a name rather than a literal.
    case parameterNotLiteral(String)

    /// The known top-level front-matter keys.
    public static let knownKeys = ["title", "seed", "params"]

    /// Unclosed non-cell fences are only a warning: Markdown lets them run to the end.
    public var severity: Diagnostic.Severity {
        if case .unclosedFence(_, let isCell) = self, !isCell { return .warning }
        return .error
    }

    /// The message, saying what is wrong and how to fix it.
    public var description: String {
        switch self {
        case .unclosedFence(let fence, true):
            "unclosed cell: the '\(fence)nb' fence has no closing '\(fence)'; add one after the cell's code"
        case .unclosedFence(let fence, false):
            "unclosed code fence '\(fence)'; it runs to the end of the file, hiding any cells after it"
        case .unclosedFrontMatter:
            "front matter is not closed; add a line '---' after it"
        case .unknownKey(let key):
            "unknown front-matter key '\(key)'"
                + DidYouMean.suffix(for: key, among: Self.knownKeys)
                + " (known keys: \(Self.knownKeys.joined(separator: ", ")))"
        case .duplicateKey(let key, let firstLine):
            "'\(key)' is set twice (first at line \(firstLine)); keep one"
        case .expectedKeyValue:
            "expected 'key: value' in front matter"
        case .unexpectedIndentation:
            "unexpected indentation; only parameters are indented, under 'params:'"
        case .paramsNeedIndentedLines:
            "'params:' takes its parameters on the indented lines below it, one 'name: value' a line"
        case .invalidParameterName(let name):
            "'\(name)' is not a valid parameter name; use letters, digits and '_', not starting with a digit"
        case .missingValue(let key):
            "'\(key)' has no value; write '\(key): value'"
        case .invalidSeed:
            "seed must be a non-negative integer, like 'seed: 0'"
        case .parameterNotLiteral(let name):
            "parameter '\(name)' must be a literal: a number, a string, true, false or a list of them"
        }
    }
}
