/// The notebook's settings from its YAML front matter: title, seed and typed parameters.
public struct FrontMatter: Hashable, Sendable {
    /// A parameter's default, written as `name: value` under `params:`.
    public struct Parameter: Hashable, Sendable {
        /// The parameter's name, which cells use like a bound name.
        public var name: Identifier
        /// Its default: a literal, whose kind gives the parameter's type.
        public var value: Expr

        /// Creates a parameter.
        public init(name: Identifier, value: Expr) {
            self.name = name
            self.value = value
        }
    }

    /// The report's title, if given.
    public var title: String?
    /// The seed every statement's own seed derives from, if given; the runner's default is 0.
    public var seed: UInt64?
    /// The parameters, in the order written.
    public var parameters: [Parameter]
    /// The lines from the opening `---` to the closing one.
    public var range: SourceRange

    /// Creates front matter.
    public init(
        title: String? = nil, seed: UInt64? = nil, parameters: [Parameter] = [], range: SourceRange
    ) {
        self.title = title
        self.seed = seed
        self.parameters = parameters
        self.range = range
    }

    /// Whether `line` opens front matter: `---` alone on the file's first line.
    public static func opens(_ line: String) -> Bool {
        line.trimmingTrailingWhitespace() == "---"
    }

    /// Whether `line` closes front matter: `---` or `...` alone.
    static func closes(_ line: String) -> Bool {
        let trimmed = line.trimmingTrailingWhitespace()
        return trimmed == "---" || trimmed == "..."
    }
}

extension String {
    /// The string without trailing spaces and tabs.
    func trimmingTrailingWhitespace() -> String {
        var scalars = Array(unicodeScalars)
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
