import Files
import Notebook
import Preview

/// What stops `nb`, as data: the cases carry the paths, counts and reasons, and `description`
/// writes every message the command prints about them, in one place (argument-parser's
/// `ParserError` with its message generator).
///
/// Usage errors go out through argument-parser as a `ValidationError` (its `Error: ` prefix, the
/// usage line, exit status 2); the rest are printed whole to standard error by `NB.main`, with
/// exit status 1.
enum CommandError: Error, Equatable, CustomStringConvertible {
    /// No notebook and no `--list-ops`.
    case missingFile
    /// `--serve` without `--watch`.
    case serveWithoutWatch
    /// `--watch` with `--check` or `--plan`.
    case watchWithCheckOrPlan
    /// `--output ""`, which would have meant the current folder.
    case emptyOutput
    /// `--cache-info` or `--prune` with a notebook: they are about the whole cache.
    case cacheCommandWithFile
    /// The notebook could not be read, or is not UTF-8.
    case unreadableNotebook(SourceFileError)
    /// The check found `count` errors (already printed as diagnostics), so nothing ran.
    case notebookHasErrors(file: String, count: Int)
    /// `--output` names something that is not a directory.
    case outputNotADirectory(path: String, reason: String)
    /// The output directory or its cache could not be created.
    case cannotCreateOutput(path: String, reason: String)
    /// A file of the run's outputs could not be written; none of them was replaced.
    case cannotWriteOutput(path: String, code: Int32)
    /// The outputs could not be made (the report's files, the record's JSON).
    case cannotMakeOutputs(reason: String)
    /// `--serve` could not start the preview server.
    case cannotServe(PreviewError)

    /// Whether argument-parser shows it, with the usage line.
    var isUsageError: Bool {
        switch self {
        case .missingFile, .serveWithoutWatch, .watchWithCheckOrPlan, .emptyOutput, .cacheCommandWithFile: true
        default: false
        }
    }

    /// The exit status: 2 for usage errors, 1 for the rest.
    var exitCode: Int32 { isUsageError ? 2 : 1 }

    /// The message: for usage errors without the `Error: ` argument-parser puts before it, for
    /// the rest the whole line.
    var description: String {
        switch self {
        case .missingFile:
            "missing the notebook file: nb FILE"
        case .serveWithoutWatch:
            "--serve needs --watch: nb FILE --watch --serve"
        case .watchWithCheckOrPlan:
            "--watch runs the notebook; it does not go with --check or --plan"
        case .emptyOutput:
            "--output needs a folder name; for the current folder write --output ."
        case .cacheCommandWithFile:
            "--cache-info and --prune are about the whole cache in --output; give them no notebook"
        case .unreadableNotebook(let error):
            error.description
        case .notebookHasErrors(let file, let count):
            "nb: \(count) error\(count == 1 ? "" : "s") in \(file); nothing was run"
        case .outputNotADirectory(let path, let reason):
            "nb: error: cannot use '\(path)' as the output directory: \(reason); choose another with --output"
        case .cannotCreateOutput(let path, let reason):
            "nb: error: cannot create the output directory '\(path)': \(reason); choose another with --output"
        case .cannotWriteOutput(let path, let code):
            "nb: error: cannot write '\(path)': \(SystemError.reason(errno: code)); the previous run's record and "
                + "report are left as they were: " + Self.advice(for: SystemError.WriteFailure(errno: code))
        case .cannotMakeOutputs(let reason):
            "nb: error: \(reason)"
        case .cannotServe(let error):
            "nb: error: \(error)"
        }
    }
}

extension CommandError {
    /// What to do when the outputs could not be written, as the cause calls for.
    fileprivate static func advice(for failure: SystemError.WriteFailure) -> String {
        switch failure {
        case .diskFull: "free some disk space or choose another --output"
        case .readOnly: "the file system is read-only: choose another --output"
        case .notPermitted: "make the folder writable for you or choose another --output"
        case .nameTooLong: "the name is too long for the file system: rename the notebook or choose another --output"
        case .other: "choose another --output"
        }
    }
}

/// What `nb` warns about without stopping, printed to standard error; the text is here for the
/// same reason as `CommandError`'s.
enum CommandWarning: Equatable, CustomStringConvertible {
    /// The prose has math, but KaTeX is not installed where the report looks for it.
    case mathWithoutKaTeX(path: String)
    /// A figure's file could not be written; the report shows the figure without it.
    case figureNotWritten(path: String, reason: String)
    /// `--prune` could not remove an entry.
    case cannotRemove(path: String, reason: String)

    /// The whole line.
    var description: String {
        switch self {
        case .mathWithoutKaTeX(let path):
            "nb: warning: the prose has math but KaTeX is not at \(path); the report shows the formulas as TeX; "
                + "install it with Scripts/setup (Debian's libjs-katex)"
        case .cannotRemove(let path, let reason):
            "nb: warning: cannot remove '\(path)': \(reason); it stays in the cache"
        case .figureNotWritten(let path, let reason):
            "nb: warning: cannot write the figure '\(path)': \(reason); the report shows the figure without its file"
        }
    }
}
