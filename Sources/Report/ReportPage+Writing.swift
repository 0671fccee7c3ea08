import Files
import Foundation
import Notebook
import Runner

extension ReportPage {
    /// Writes each figure's file, each on its own, and returns the page's file with its place in
    /// `directory`, after creating the folders, for writing it together with other files in one
    /// `AtomicFile.write(_:)` (nb writes the run record with it).
    ///
    /// The page holds every figure itself (inline), so a figure file that cannot be written
    /// (a name the file system refuses, a folder it may not write) costs only that file: it is
    /// noted in `unwrittenFigures`, which the page shows at the figure, and never costs the page
    /// or the record.
    public mutating func files(in directory: URL) throws(ReportError) -> [(data: Data, url: URL)] {
        let figureDirectory = directory.appendingPathComponent(name, isDirectory: true)
        let figures = figureFiles()
        try Self.createDirectory(directory)
        var figuresFolderReason: String?
        if !figures.isEmpty {
            do {
                try Self.createDirectory(figureDirectory)
            } catch {
                figuresFolderReason = error.reason
            }
        }
        for figure in figures {
            var reason = figuresFolderReason
            if reason == nil {
                do {
                    try AtomicFile.write([(figure.data, figureDirectory.appendingPathComponent(figure.name))])
                } catch {
                    reason = error.reason
                }
            }
            if let reason { unwrittenFigures[figure.name] = .figureNotWritten(file: figure.name, reason: reason) }
        }
        return [(Data(html().utf8), pageURL(in: directory))]
    }

    private static func createDirectory(_ url: URL) throws(ReportError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: url.path, reason: SystemError.reason(error))
        }
    }

    /// Where the page goes in `directory`.
    public func pageURL(in directory: URL) -> URL {
        directory.appendingPathComponent(name + ".html")
    }
}

extension ReportError {
    /// The system's reason alone, for messages that say themselves what failed.
    public var reason: String {
        switch self {
        case .cannotCreateDirectory(_, let reason), .figureNotWritten(_, let reason):
            reason
        }
    }
}
