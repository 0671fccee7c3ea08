import Files
import Foundation
import Testing

@Suite("Opening files to read")
struct ReadableFileTests {
    /// A fresh folder, removed by `remove()`.
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nb-read-\(UUID().uuidString)")

    private func make() throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    private func remove() { try? FileManager.default.removeItem(at: folder) }

    @Test("A regular file reads whole, in pieces, and from an offset")
    func readsARegularFile() throws {
        let path = try make() + "/data.bin"
        defer { remove() }
        try Data("hello world".utf8).write(to: URL(fileURLWithPath: path))
        let file = try ReadableFile(path: path)
        #expect(file.size == 11)
        #expect(try file.read(upToCount: 5) == Array("hello".utf8))
        #expect(try file.readToEnd() == Data(" world".utf8))
        try file.seek(to: 6)
        #expect(try file.read(upToCount: 100) == Array("world".utf8))
        #if os(Linux)
            // /proc's files report a size of 0 but have contents.
            let status = try ReadableFile(path: "/proc/self/status")
            #expect(status.size == 0)
            #expect(String(decoding: try status.readToEnd(), as: UTF8.self).hasPrefix("Name:"))
        #endif
    }

    /// Each used to block or never end: an open waiting for a FIFO's writer, reads of /dev/zero.
    @Test("Anything but a regular file is refused at open, with what it is")
    func refusesOtherKinds() throws {
        let directory = try make()
        defer { remove() }
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        let zero = directory + "/zero"
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        let cases: [(String, FileReadError, String)] = [
            (fifo, .notRegular(path: fifo, kind: .fifo), "it is a named pipe (FIFO), not a regular file"),
            (zero, .notRegular(path: zero, kind: .characterDevice), "it is a character device, not a regular file"),
            (directory, .notRegular(path: directory, kind: .directory), "Is a directory"),
            (directory + "/none", .notFound(path: directory + "/none"), "No such file or directory"),
        ]
        for (path, error, reason) in cases {
            #expect(throws: error) { try ReadableFile(path: path) }
            #expect(error.reason == reason)
            #expect(error.description == "could not read '\(path)': \(reason)")
        }
    }
}
