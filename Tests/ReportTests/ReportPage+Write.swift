import Files
import Foundation

@testable import Report

extension ReportPage {
    /// Writes each figure as `<directory>/<name>/<file>`, then the page as `<directory>/<name>.html`,
    /// as nb does without the run record beside it; returns the page's URL.
    @discardableResult
    func write(to directory: URL) throws -> URL {
        var page = self
        try AtomicFile.write(try page.files(in: directory))
        return pageURL(in: directory)
    }
}
