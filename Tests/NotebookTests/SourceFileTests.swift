import Foundation
import Notebook
import TestSupport
import Testing

@Suite struct SourceFileTests {
    private static let notebook = "---\ntitle: \"T\"\nseed: 3\nparams:\n  k: 2\n---\n```nb\nx = k\n```\n"

    /// Before, the mark glued itself to the first `---`: no front matter, seed 0, `k` undefined.
    @Test func aByteOrderMarkIsDroppedSoTheFrontMatterIsRead() {
        let document = Document(source: SourceFile(path: "n.md", text: "\u{FEFF}" + Self.notebook))
        #expect(document.diagnostics.isEmpty)
        #expect(document.frontMatter?.title == "T")
        #expect(document.frontMatter?.seed == 3)
        #expect(document.frontMatter?.parameters.map(\.name.name) == ["k"])
        #expect(document.statements.map(\.range.start) == [SourceLocation(line: 8, column: 1)])
    }

    /// Before, a file with only `\r` line ends was one line: no cell, 0 statements.
    @Test(arguments: ["\r", "\r\n", "\n"])
    func everyLineEndingStartsALine(ending: String) {
        let text = Self.notebook.replacingOccurrences(of: "\n", with: ending)
        let file = SourceFile(path: "n.md", text: text)
        #expect(file.lines.count == 9)
        let document = Document(source: file)
        #expect(document.diagnostics.isEmpty)
        #expect(document.frontMatter?.seed == 3)
        #expect(document.statements.map(\.range.start) == [SourceLocation(line: 8, column: 1)])
    }

    @Test func aMixOfLineEndingsCountsEachOnce() {
        #expect(SourceFile(path: "n.md", text: "a\r\rb\r\nc\n\nd").lines == ["a", "", "b", "c", "", "d"])
    }

    /// Before, any bytes were decoded with replacement characters and run as prose, exit 0.
    @Test func aFileThatIsNotUTF8IsAnErrorNamingTheByteOffset() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("# é\n".utf8 + [0xC3, 0x28, 0x41]).write(to: url)
        #expect(throws: SourceFileError.notUTF8(path: url.path, byteOffset: 5, byte: 0xC3)) {
            try SourceFile(contentsOf: url.path)
        }
        #expect(
            SourceFileError.notUTF8(path: "x.md", byteOffset: 5, byte: 0xC3).description
                == "x.md: error: not a UTF-8 text file: byte 5 (0xC3) is not valid UTF-8; save the notebook as UTF-8 text"
        )
    }

    @Test func aMissingFileGivesTheSystemsPlainReason() {
        #expect(throws: SourceFileError.unreadable(path: "/no/such.md", reason: "No such file or directory")) {
            try SourceFile(contentsOf: "/no/such.md")
        }
    }

    @Test func aFolderIsNotANotebookAndSaysSoPlainly() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: SourceFileError.unreadable(path: folder, reason: "Is a directory")) {
            try SourceFile(contentsOf: folder)
        }
    }

    @Test func aNotebookThatIsAFIFOIsRefusedAtOnceInsteadOfWaitingForAWriter() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString).md").path
        defer { try? FileManager.default.removeItem(atPath: fifo) }
        #expect(mkfifo(fifo, 0o644) == 0)
        let outcome = finishes(within: 10, unblocking: fifo) { _ = try SourceFile(contentsOf: fifo) }
        let error = SourceFileError.unreadable(path: fifo, reason: "it is a named pipe (FIFO), not a regular file")
        #expect(outcome?.failure(as: SourceFileError.self) == error)
    }
}
