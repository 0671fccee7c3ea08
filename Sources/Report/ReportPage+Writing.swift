import Files
import Foundation
import Notebook
import Runner

extension ReportPage {
    /// Writes the page as `<directory>/<name>.html` and each figure as `<directory>/<name>/<file>`,
    /// all or none (`AtomicFile.write(_:)`), so a reader never sees half of one or a page beside
    /// another run's figures. Returns the page's URL.
    @discardableResult
    public func write(to directory: URL) throws(ReportError) -> URL {
        let files = try files(in: directory)
        do {
            try AtomicFile.write(files)
        } catch {
            throw .cannotWrite(path: error.path, reason: error.reason)
        }
        return pageURL(in: directory)
    }

    /// The page's files with their places in `directory`, figures first and the page last, after
    /// creating the folders they go in; for writing them together with other files in one
    /// `AtomicFile.write(_:)` (nb writes the run record with them).
    public func files(in directory: URL) throws(ReportError) -> [(data: Data, url: URL)] {
        let figureDirectory = directory.appendingPathComponent(name, isDirectory: true)
        let figures = figureFiles()
        for path in [directory] + (figures.isEmpty ? [] : [figureDirectory]) {
            do {
                try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateDirectory(path: path.path, reason: SystemError.reason(error))
            }
        }
        return figures.map { ($0.data, figureDirectory.appendingPathComponent($0.name)) }
            + [(Data(html().utf8), pageURL(in: directory))]
    }

    /// Where the page goes in `directory`.
    public func pageURL(in directory: URL) -> URL {
        directory.appendingPathComponent(name + ".html")
    }
}

extension AtomicFileError {
    /// The file that could not be written.
    var path: String {
        switch self {
        case .writeFailed(let path, _), .renameFailed(let path, _): path
        }
    }
}
