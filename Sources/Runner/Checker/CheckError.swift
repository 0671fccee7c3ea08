import Notebook

/// A problem the checker finds before anything runs; `message(_:)` is the one place its text is
/// written, with the caller's `CheckHints` for what lies outside Runner.
public enum CheckError: Error, Hashable {
    /// A call to an operation the registry does not have; `suggestion` is the closest name.
    case unknownOperation(String, suggestion: String?)
    /// A labelled argument that names no parameter of the operation.
    case unknownArgument(label: String, operation: String, suggestion: String?)
    /// A required parameter with no argument.
    case missingArgument(name: String, type: ValueType, positional: Bool, operation: String)
    /// An argument given twice.
    case repeatedArgument(name: String, operation: String)
    /// More unlabelled arguments than the operation has positional parameters.
    case extraPositionalArgument(operation: String, positionalCount: Int)
    /// A label written for a parameter that is passed without one.
    case labelOnPositional(name: String, operation: String)
    /// An argument (or value) of the wrong type.
    case wrongType(what: CheckedItem, expected: ValueType, actual: ValueType)
    /// A value outside the parameter's range or allowed strings; `origin` says where a value
    /// that came through a name was set.
    case outOfRange(name: String, constraint: Constraint, value: String, origin: ValueOrigin?)
    /// A name that is bound nowhere.
    case undefinedName(String, suggestion: String?)
    /// A name used on a line before the statement that binds it.
    case usedBeforeBinding(String, boundAt: Int)
    /// A name bound a second time.
    case rebound(String, firstLine: Int)
    /// A statement binding the name of a parameter.
    case bindsParameter(String)
    /// An operation's name used as a value.
    case operationAsValue(String)
    /// An empty list where nothing says its element type.
    case untypedEmptyList
    /// List elements of different types.
    case mixedList(expected: ValueType, actual: ValueType)
    /// A constant path a call would write, which is the notebook, a file the run reads, or in
    /// the cache.
    case replacesProtectedFile(path: String, protected: WriteGuard.Protected)
    /// A `--set` without `=`.
    case malformedOverride(String)
    /// A `--set` for a parameter the front matter does not declare.
    case unknownParameter(String, known: [String])
    /// A `--set` value that does not parse as the parameter's type.
    case overrideType(name: String, type: ValueType, text: String)
    /// The same parameter given twice with `--set`.
    case repeatedOverride(String)
    /// An inline `{nb}` expression in the prose whose value is not a number, text or truth value.
    case inlineValueType(ValueType)
    /// What an operation's precheck found (a layer that cannot take its input), in its words.
    case precheck(String)
    /// A swept value (`lifted`, like `Fit ×4 (beta 4)`) where another type is expected.
    case wrongSweptType(what: CheckedItem, expected: ValueType, lifted: String)
    /// `sweep(…)` written without a list of values in place.
    case malformedSweep
    /// `seeds(…)` written without a count from 1 to `limit`.
    case malformedSeeds(limit: Int)
    /// Sweeps zipped together whose numbers of values differ.
    case zipLengths(name: String, count: Int, other: String, otherCount: Int)
    /// Two sweeps of one name, meeting in one statement, with different values.
    case axisConflict(name: String, values: [String], other: [String])
    /// A statement lifted over more points than `limit`.
    case tooManyMembers(lifted: String, limit: Int)
    /// A constant path written by every member of a lifted statement, each over the last.
    case sweepWritesOnePath(path: String, lifted: String)
    /// An inline `{nb}` expression whose value is swept (`lifted`), so it is several values.
    case inlineSweep(lifted: String)

    /// The message, saying what is wrong and how to fix it, pointing where `hints` say.
    public func message(_ hints: CheckHints) -> String {
        switch self {
        case .unknownOperation(let name, let suggestion?):
            "unknown operation '\(name)'; did you mean '\(suggestion)'?"
        case .unknownOperation(let name, nil):
            "unknown operation '\(name)'; '\(hints.listOperations)' lists the operations"
        case .unknownArgument(let label, let operation, let suggestion):
            "'\(operation)' has no parameter '\(label)'"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "; '\(hints.listOperations)' shows its signature")
        case .missingArgument(let name, let type, true, let operation):
            "missing argument '\(name)' (\(type), unlabelled) in call to '\(operation)'"
        case .missingArgument(let name, let type, false, let operation):
            "missing argument '\(name): \(type)' in call to '\(operation)'"
        case .repeatedArgument(let name, let operation):
            "argument '\(name)' is given twice in call to '\(operation)'; keep one"
        case .extraPositionalArgument(let operation, 0):
            "'\(operation)' takes no unlabelled arguments; '\(hints.listOperations)' shows its signature"
        case .extraPositionalArgument(let operation, let count):
            "too many unlabelled arguments to '\(operation)', which takes \(count); label the others"
        case .labelOnPositional(let name, let operation):
            "argument '\(name)' of '\(operation)' is passed without a label; remove '\(name):'"
        case .wrongType(let what, let expected, let actual):
            "\(what) must be \(expected), got \(actual)"
        case .outOfRange(let name, let constraint, let value, let origin):
            "'\(name)' must be \(constraint.requirement), got \(value)"
                + (origin.map { " (\($0.description(hints)))" } ?? "")
        case .undefinedName(let name, let suggestion):
            "undefined name '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .usedBeforeBinding(let name, let line):
            "'\(name)' is used before it is bound at line \(line); move this statement after that line"
        case .rebound(let name, let line):
            "'\(name)' is already bound at line \(line); a name is bound once, so choose another name"
        case .bindsParameter(let name):
            "'\(name)' is a parameter; choose another name, or change it with \(hints.setFlag) \(name)=…"
        case .operationAsValue(let name):
            "'\(name)' is an operation, not a value; call it: \(name)(…)"
        case .untypedEmptyList:
            "cannot tell the element type of an empty list here; write at least one element"
        case .mixedList(let expected, let actual):
            "list elements must all have one type: expected \(expected), got \(actual)"
        case .replacesProtectedFile(let path, let protected):
            "'\(path)' is \(protected), which nb never writes over; choose another path"
        case .malformedOverride(let text):
            "\(hints.setFlag) '\(text)' must be 'name=value', like \(hints.setFlag) epochs=2"
        case .unknownParameter(let name, let known):
            "\(hints.setFlag): unknown parameter '\(name)'"
                + (DidYouMean.suggestion(for: name, among: known).map { "; did you mean '\($0)'?" } ?? "")
                + (known.isEmpty
                    ? " (the notebook declares no parameters under 'params:')"
                    : " (parameters: \(known.joined(separator: ", ")))")
        case .overrideType(let name, let type, let text):
            "\(hints.setFlag) \(name)=\(text): '\(name)' is \(type), and '\(text)' is not"
        case .repeatedOverride(let name):
            "\(hints.setFlag) \(name) is given twice; keep one"
        case .precheck(let message):
            message
        case .wrongSweptType(let what, let expected, let lifted):
            "\(what) must be \(expected), got \(lifted)"
        case .malformedSweep:
            "sweep takes a list of values written in place, like sweep([0.001, 0.0003]), and optionally zip: true"
        case .malformedSeeds(let limit):
            "seeds takes how many seeds to run, from 1 to \(limit), written in place, like seeds(3)"
        case .zipLengths(let name, let count, let other, let otherCount):
            "'\(name)' has \(count) values but '\(other)', which it is zipped with, has \(otherCount); "
                + "zipped sweeps pair their values, so give them as many"
        case .axisConflict(let name, let values, let other):
            "two sweeps named '\(name)' meet here with different values (\(other.joined(separator: ", ")) and "
                + "\(values.joined(separator: ", "))); sweeps of one name are one axis, so give them the same values"
        case .tooManyMembers(let lifted, let limit):
            "this statement is \(lifted), more than \(limit) members; sweep fewer values"
        case .sweepWritesOnePath(let path, let lifted):
            "every member of this \(lifted) would write '\(path)' over the last; "
                + "sweep the path too, or gather the members first"
        case .inlineSweep(let lifted):
            "a value in the prose must be one value, got \(lifted); "
                + "pass it to an operation that gathers a sweep into one value"
        case .inlineValueType(let type):
            "a value in the prose must be Int, Float, String or Bool, got \(type); "
                + "show a \(type) in a cell, or quote one of its numbers, like \(hints.quoteExample)"
        }
    }
}

/// What a type error is about, as its message names it: `argument 'epochs' of 'train'`,
/// `element of parameter 'hidden'`.
public indirect enum CheckedItem: Hashable, Sendable, CustomStringConvertible {
    /// A statement's value.
    case value
    /// An argument matched to no parameter.
    case argument
    /// The argument for parameter `name` of `operation`.
    case parameterArgument(name: String, operation: String)
    /// The default of the front matter's parameter `name`.
    case parameter(String)
    /// An element of a list that is itself `item`.
    case element(of: CheckedItem)
    /// A member of a sweep that is itself `item`.
    case member(of: CheckedItem)

    /// The words for it.
    public var description: String {
        switch self {
        case .value: "value"
        case .argument: "argument"
        case .parameterArgument(let name, let operation): "argument '\(name)' of '\(operation)'"
        case .parameter(let name): "parameter '\(name)'"
        case .element(let item): "element of \(item)"
        case .member(let item): "member of \(item)"
        }
    }
}

/// Where a constant that came through a name was set, for a range message.
public enum ValueOrigin: Hashable, Sendable {
    /// By an override from outside the notebook, written `text`.
    case override(name: String, text: String)
    /// By the front matter's parameter `name`, at `line`.
    case parameter(name: String, line: Int)
    /// By a statement binding it, at `line`.
    case binding(line: Int)

    /// The words for it.
    func description(_ hints: CheckHints) -> String {
        switch self {
        case .override(let name, let text): "set by \(hints.setFlag) \(name)=\(text)"
        case .parameter(let name, let line): "parameter '\(name)' at line \(line)"
        case .binding(let line): "bound at line \(line)"
        }
    }
}

/// What checker messages call the things outside the notebook they point to. Runner knows no
/// command-line flag and no operation by name, so the program that runs the checker names
/// them (nb: `nb --list-ops`, `--set`, `parameters(fit)`).
public struct CheckHints: Hashable, Sendable {
    /// The command that lists the operations and their signatures.
    public var listOperations: String
    /// The flag that sets a parameter from the command line.
    public var setFlag: String
    /// A call that quotes one number of a value, for a prose value of another type.
    public var quoteExample: String

    /// Names them.
    public init(listOperations: String, setFlag: String, quoteExample: String) {
        self.listOperations = listOperations
        self.setFlag = setFlag
        self.quoteExample = quoteExample
    }
}
