/// An operation cells can call: its declaration (what the checker and `--list-ops` read) and
/// its implementation, side by side.
///
/// ```swift
/// OperationSpec(
///     name: "train", doc: "Trains a model with Adam.",
///     parameters: [.positional("model", .model), .labelled("on", .dataset),
///                  .labelled("epochs", .int, default: .int(10), .between(1, 1000)), .seed],
///     result: .fit, version: 1, isRandom: true, persisting: FitValue.self
/// ) { arguments, context in … }
/// ```
public struct OperationSpec: Sendable {
    /// The name cells call it by.
    public let name: String
    /// One line saying what it does, shown by `--list-ops`.
    public let doc: String
    /// Its parameters, positional ones first.
    public let parameters: [ParameterSpec]
    /// The type of the value it returns.
    public let result: ValueType
    /// Bumped whenever the implementation changes its results, so cached ones are recomputed,
    /// and so are the statements that read them.
    public let version: Int
    /// Bumped whenever only how its values are displayed changes: its own statements are
    /// recomputed for the new display, but the statements that read their values are not.
    public let displayVersion: Int
    /// Whether it uses randomness: then the statement's seed is part of its cache key.
    public let isRandom: Bool
    /// The domain type whose values the cache keeps, if its results are worth keeping; scalar
    /// results are always kept.
    public let persisting: (any PersistentValue.Type)?
    /// Whether it acts outside the notebook (writes a file): then statements calling it run on
    /// every run, never from the cache, so a deleted output is written again.
    public let hasSideEffects: Bool
    /// The `String` parameter naming the file a call writes (`save`'s `path`), if it writes one:
    /// the checker refuses a constant path over the notebook, its inputs or the cache, and the
    /// runner any other before the call runs (`WriteGuard`).
    public let writesFile: String?
    /// The parameter counting how far a result has got (a training's `epochs`), when the
    /// operation saves a snapshot after each step of it: a run with a larger count continues from
    /// the longest stored snapshot, and one killed midway from the last step it finished.
    public let resumableBy: String?
    /// What one unit of `resumableBy` is called where a run says how far it resumed from: a
    /// training's `epoch`. Runner has no name of its own for it.
    public let resumableStep: String
    /// The files a call will read, named from its constant arguments before it runs, so that
    /// their bytes are part of its cache key; nil when it reads none. A thrown error means the
    /// files cannot be found yet, and the call reports that when it runs.
    public let inputFiles: (@Sendable ([String: Value]) throws -> [InputFile])?
    /// What the checker can tell of a call before anything runs: it reads what is known of the
    /// arguments and returns what is known of the result (a layer's description, a data set's
    /// image shape), or throws a `PrecheckError` that the checker reports where it says. Nil
    /// when nothing can be known, or nothing is worth checking, before running.
    public let precheck: (@Sendable (KnownCall) throws -> (any Sendable)?)?
    /// Computes the result; thrown errors are reported as the statement's failure, with the
    /// error's description as the message.
    public let run: @Sendable (Arguments, RunContext) throws -> Value

    /// Declares an operation.
    public init(
        name: String, doc: String, parameters: [ParameterSpec], result: ValueType, version: Int,
        isRandom: Bool = false, persisting: (any PersistentValue.Type)? = nil, hasSideEffects: Bool = false,
        displayVersion: Int = 1, resumableBy: String? = nil, resumableStep: String = "step", writesFile: String? = nil,
        inputFiles: (@Sendable ([String: Value]) throws -> [InputFile])? = nil,
        precheck: (@Sendable (KnownCall) throws -> (any Sendable)?)? = nil,
        run: @escaping @Sendable (Arguments, RunContext) throws -> Value
    ) {
        self.name = name
        self.doc = doc
        self.parameters = parameters
        self.result = result
        self.version = version
        self.displayVersion = displayVersion
        self.isRandom = isRandom
        self.persisting = persisting
        self.hasSideEffects = hasSideEffects
        self.resumableBy = resumableBy
        self.resumableStep = resumableStep
        self.writesFile = writesFile
        self.inputFiles = inputFiles
        self.precheck = precheck
        self.run = run
    }

    /// `name(_ model: Model, on: Dataset, epochs: Int = 10 (1...1000)) -> Fit`.
    public var signature: String {
        "\(name)(" + parameters.map(\.signatureText).joined(separator: ", ") + ") -> \(result)"
    }

    /// The parameter named `name`, if any.
    public func parameter(named name: String) -> ParameterSpec? {
        parameters.first { $0.name == name }
    }
}
