import Foundation
import TestSupport
import Testing

@testable import Runner

@Suite("Remembering input files' digests")
struct FileDigestsTests {
    /// A fresh folder holding `data.bin` with `contents`, and the memo's place beside it.
    private struct Folder {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nb-digests-\(UUID().uuidString)")
        var file: String { directory.appendingPathComponent("data.bin").path }
        var memo: URL { directory.appendingPathComponent("digests.json") }

        init(contents: String) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// A clock `seconds` ahead of the system's: hashing then looks long after the file's last change.
    private static func clock(ahead seconds: Int64) -> @Sendable () -> Int64 {
        { FileDigests.now() + seconds * 1_000_000_000 }
    }

    @Test("The memo skips hashing a file unchanged since well before it was hashed")
    func skipsHashingASettledFile() throws {
        let folder = try Folder(contents: "abc")
        defer { folder.remove() }
        let digests = FileDigests(memo: folder.memo, clock: Self.clock(ahead: 10))
        #expect(digests.digest(of: folder.file) == sha256Hex("abc"))
        digests.save()
        let again = FileDigests(memo: folder.memo, clock: Self.clock(ahead: 10))
        #expect(again.digest(of: folder.file) == sha256Hex("abc"))
        #expect(again.hashCount == 0)
        #expect(FileDigests(memo: nil).digest(of: folder.directory.appendingPathComponent("none").path) == nil)
    }

    @Test("A same-size rewrite in place with its modification time restored (as cp -p or touch -r) is hashed again")
    func rehashesARewriteWithItsTimeRestored() throws {
        let folder = try Folder(contents: "four")
        defer { folder.remove() }
        var before = stat()
        #expect(stat(folder.file, &before) == 0)
        let digests = FileDigests(memo: folder.memo, clock: Self.clock(ahead: 10))
        #expect(digests.digest(of: folder.file) == sha256Hex("four"))
        digests.save()

        // Same inode (written through the open file), same size, the old modification time back;
        // after a pause longer than a clock tick, so that the status-change time moves.
        Thread.sleep(forTimeInterval: 0.05)
        let handle = try #require(FileHandle(forWritingAtPath: folder.file))
        try handle.write(contentsOf: Data("five".utf8))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, folder.file, &times, 0) == 0)
        var after = stat()
        #expect(stat(folder.file, &after) == 0)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)

        let again = FileDigests(memo: folder.memo, clock: Self.clock(ahead: 10))
        #expect(again.digest(of: folder.file) == sha256Hex("five"))
    }

    @Test("A file changed within the racy window of its hashing is hashed again until it settles")
    func rehashesARacilyCleanFile() throws {
        let folder = try Folder(contents: "abc")
        defer { folder.remove() }
        // Hashed just after it was written: a rewrite in the same clock tick would not show in its
        // times, so the digest is not trusted.
        let digests = FileDigests(memo: folder.memo)
        #expect(digests.digest(of: folder.file) == sha256Hex("abc"))
        digests.save()
        let racy = FileDigests(memo: folder.memo)
        #expect(racy.digest(of: folder.file) == sha256Hex("abc"))
        #expect(racy.hashCount == 1)

        // Hashed again well after its last change, it is trusted from then on.
        let settling = FileDigests(memo: folder.memo, clock: Self.clock(ahead: 10))
        #expect(settling.digest(of: folder.file) == sha256Hex("abc"))
        #expect(settling.hashCount == 1)
        settling.save()
        let settled = FileDigests(memo: folder.memo, clock: Self.clock(ahead: 10))
        #expect(settled.digest(of: folder.file) == sha256Hex("abc"))
        #expect(settled.hashCount == 0)
    }

    @Test("An input that is a FIFO gets no digest, at once, instead of waiting for a writer")
    func refusesAFIFO() throws {
        let folder = try Folder(contents: "")
        defer { folder.remove() }
        let fifo = folder.directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let outcome = finishes(within: 10, unblocking: fifo) {
            #expect(FileDigests(memo: nil).digest(of: fifo) == nil)
        }
        #expect(outcome != nil)
    }
}

private func sha256Hex(_ text: String) -> String {
    CacheKey(bytes: SHA256.hash(Data(text.utf8))).description
}
