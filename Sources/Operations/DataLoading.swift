import Datasets
import Foundation
import Runner

/// What every loader of a user's files shares: where a path points, the `limit:` it keeps, its
/// check-time facts, and the value it returns.
enum DataLoading {
    /// The `limit:` parameter every loader takes.
    static let limitParameter = ParameterSpec.labelled("limit", .int, .atLeast(1), optional: true)
    /// The `classes:` parameter of loaders whose labels are numbers: a name for each.
    static let classesParameter = ParameterSpec.labelled("classes", .list(.string), optional: true)

    /// The file or folder argument `name` as an absolute path; a relative one is resolved against
    /// the current directory, as `data:` of `mnist` is.
    static func path(_ arguments: Arguments, _ name: String = "path") throws -> String {
        let given = try arguments.string(name)
        let url =
            given.hasPrefix("/")
            ? URL(fileURLWithPath: given)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appending(path: given)
        return url.standardizedFileURL.path
    }

    /// `path(arguments, name)`, checked to exist.
    static func existing(_ arguments: Arguments, _ name: String = "path") throws -> String {
        let path = try path(arguments, name)
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataFileError.notFound(argument: name, given: try arguments.string(name), path: path)
        }
        return path
    }

    /// The call's `limit:`, if it has one.
    static func limit(_ arguments: Arguments) throws -> Int? {
        arguments["limit"] == nil ? nil : try arguments.int("limit")
    }

    /// The call's `classes:`, if it has one.
    static func classNames(_ arguments: Arguments) throws -> [String]? {
        arguments["classes"] == nil ? nil : try strings(arguments, "classes")
    }

    /// The list of strings argument `name` (the checker has checked its type).
    static func strings(_ arguments: Arguments, _ name: String) throws -> [String] {
        try arguments.list(name).map { value in
            guard case .string(let text) = value else { return value.literalText }
            return text
        }
    }

    /// A precheck that reads a data set's shape and classes with `read` when every argument is
    /// known, and reports a file that cannot be read at the argument `at` of the call (or at the
    /// one `blaming` names).
    static func precheck(
        at argument: String, _ read: @escaping @Sendable (Arguments) throws -> DatasetFact
    ) -> @Sendable (KnownCall) throws -> (any Sendable)? {
        { call in
            guard call.arguments.values.allSatisfy({ $0.constant != nil }) else { return nil }
            do {
                return try read(call.constants)
            } catch let blamed as Blamed {
                throw PrecheckError(blamed.error, at: call[blamed.argument]?.site ?? call.site)
            } catch let error as any Error & CustomStringConvertible {
                throw PrecheckError(error, at: call[argument]?.site ?? call.site)
            }
        }
    }

    /// An error that a precheck reports at `argument`.
    struct Blamed: Error {
        let argument: String
        let error: any Error & CustomStringConvertible
    }

    /// Runs `body`, so that a precheck reports its errors at `argument`.
    static func blaming<T>(_ argument: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as any Error & CustomStringConvertible {
            throw Blamed(argument: argument, error: error)
        }
    }

    /// The data set value of `examples`, warning when `limit` asked for more than there are.
    static func value(
        _ examples: LabeledExamples, limit: Int?, notes: [DatasetNote], featureNames: [String]? = nil,
        context: RunContext
    ) -> Value {
        let value = DatasetValue(examples: examples, limit: limit, notes: notes, featureNames: featureNames)
        if let warning = value.limitWarning { context.warn(warning.description) }
        return .domain(value)
    }

    /// What reading values of `type` did to them: bytes are scaled, the rest kept.
    static func note(for type: NPYType) -> DatasetNote {
        type == .uint8 ? .bytesScaled(dtype: "\(type)") : .valuesAsStored(dtype: "\(type)")
    }
}
