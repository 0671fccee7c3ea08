import Figures
import Foundation
import Testing

@testable import Report

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Test func writingPutsThePageAndEachFigureInTheOutputDirectory() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = try SampleRun.page()
    let url = try page.write(to: directory)

    #expect(url == directory.appendingPathComponent("test.html"))
    #expect(try String(contentsOf: url, encoding: .utf8) == page.html())
    let figures = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("test").path)
    #expect(figures.sorted() == ["examples.png", "loss-per-epoch.svg"])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(leftovers == ["test", "test.html"])
}

@Test func aWrittenPNGReadsBackThroughLibpngWithTheSamePixels() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try SampleRun.page().write(to: directory)
    let bytes = try Data(contentsOf: directory.appendingPathComponent("test/examples.png"))
    #expect(try PNGReader.decode([UInt8](bytes)) == SampleRun.bitmap())
}

@Test func aWrittenSVGIsTheFiguresOwnWellFormedXML() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try SampleRun.page().write(to: directory)
    let data = try Data(contentsOf: directory.appendingPathComponent("test/loss-per-epoch.svg"))
    #expect(String(decoding: data, as: UTF8.self) == SampleRun.svg)
    let parser = XMLParser(data: data)
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
}

@Test func aDirectoryThatCannotBeCreatedIsATypedErrorWithItsPath() throws {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let blocker = directory.appendingPathComponent("Output")
    try Data("not a directory".utf8).write(to: blocker)

    // The system's own wording (strerror), the one nb uses for every OS error.
    #expect(throws: ReportError.cannotCreateDirectory(path: blocker.path, reason: "File exists")) {
        try SampleRun.page().write(to: blocker)
    }
}

private func temporaryDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("nb-report-\(UUID().uuidString)")
}
