/// An operation read an argument it did not declare, or as the wrong type: a bug in the
/// operation, reported as its statement's failure.
public struct ArgumentError: Error, CustomStringConvertible {
    /// The operation whose implementation asked.
    public let operation: String
    /// The parameter it asked for.
    public let name: String
    /// The type it asked for, or nil if there is no such argument.
    public let expected: String?
    /// The enumeration whose cases a string argument must name, when it named none.
    public var choiceOf: String?

    /// The message, naming the operation to fix.
    public var description: String {
        if let choiceOf {
            return
                "internal error in '\(operation)': argument '\(name)' is not one of \(choiceOf)'s cases; fix its spec "
                + "or implementation"
        }
        if let expected {
            return
                "internal error in '\(operation)': argument '\(name)' is not \(expected); fix its spec or implementation"
        }
        return "internal error in '\(operation)': no argument '\(name)'; declare it in the operation's parameters"
    }
}
