import Foundation
import Notebook
import Runner

extension ReportPage {
    /// Writes the page as `<directory>/<name>.html` and each figure as `<directory>/<name>/<file>`,
    /// every file through a temporary file and a rename so a reader never sees half of one.
    /// Figures go first, so the page never links to a file not yet there. Returns the page's URL.
    @discardableResult
    public func write(to directory: URL) throws(ReportError) -> URL {
        let figureDirectory = directory.appendingPathComponent(name, isDirectory: true)
        let files = figureFiles()
        for path in [directory] + (files.isEmpty ? [] : [figureDirectory]) {
            do {
                try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateDirectory(path: path.path, reason: Self.reason(error))
            }
        }
        for file in files {
            try Self.write(file.data, to: figureDirectory.appendingPathComponent(file.name))
        }
        let page = directory.appendingPathComponent(name + ".html")
        try Self.write(Data(html().utf8), to: page)
        return page
    }

    private static func write(_ data: Data, to url: URL) throws(ReportError) {
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw .cannotWrite(path: url.path, reason: reason(error))
        }
    }

    /// The system's reason for `error`, in the one wording nb uses (`SystemError`).
    private static func reason(_ error: any Error) -> String {
        if let error = error as? AtomicFileError, case .renameFailed(_, let reason) = error { return reason }
        return SystemError.reason(error)
    }
}
