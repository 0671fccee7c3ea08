import Notebook

/// Where something is written in the notebook, for an operation's precheck to point its errors
/// at; opaque to the operations, which only hand it back.
public struct Site: Hashable, Sendable {
    /// The written range.
    let range: SourceRange
}

/// What the checker knows of one argument of a call before anything runs.
public struct KnownArgument: Sendable {
    /// The value, when it is a literal, a parameter, a default or a name bound to one.
    public let constant: Value?
    /// What the precheck of the operation that makes the value said of it (a layer's
    /// description, a data set's image shape), when there was one.
    public let fact: (any Sendable)?
    /// Each element, for a list written in the cell (or a variadic parameter's arguments).
    public let elements: [KnownArgument]?
    /// Where the argument is written; a default's site is its call's.
    public let site: Site
    /// The argument as written (`mlp_fit`), for messages; empty for a default.
    public let text: String

    /// The fact, if it is a `T`.
    public func fact<T>(as type: T.Type) -> T? { fact as? T }
}

/// A call as the checker sees it before anything runs: what an operation's `precheck` reads.
public struct KnownCall: Sendable {
    /// The operation called.
    public let operation: String
    /// The name the statement binds, when the call is the statement's whole expression
    /// (`pooled = vae(...)`), which operations name their values after.
    public let binding: String?
    /// The arguments the call gives or defaults, by parameter name.
    public let arguments: [String: KnownArgument]
    /// Where the call is written.
    public let site: Site

    /// The argument for parameter `name`, if the call has one.
    public subscript(name: String) -> KnownArgument? { arguments[name] }

    /// The constant arguments, as the operation's implementation would read them; those not
    /// known before running are absent.
    public var constants: Arguments {
        Arguments(arguments.compactMapValues(\.constant), operation: operation)
    }
}

/// Several problems a precheck found at once, each reported at its own site.
public struct PrecheckErrors: Error {
    /// The problems, in order.
    public let errors: [PrecheckError]

    /// Collects `errors`.
    public init(_ errors: [PrecheckError]) { self.errors = errors }
}

/// A problem an operation's precheck found, reported at `site` (or at the call when nil): an
/// error whose description is the message.
public struct PrecheckError: Error {
    /// The problem; its `description` is the message.
    public let problem: any Error & CustomStringConvertible
    /// Where to report it: the layer or argument at fault.
    public let site: Site?

    /// A problem at `site`.
    public init(_ problem: any Error & CustomStringConvertible, at site: Site?) {
        self.problem = problem
        self.site = site
    }
}
