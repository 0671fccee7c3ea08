import Foundation
import TestSupport
import Testing

@testable import Runner

@Suite("Saving snapshots")
struct SnapshotStoreTests {
    @Test("A snapshot write that fails names the part it was writing and that part's own file")
    func namesThePartThatFailed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nb-snapshots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshots = SnapshotStore(cache: CacheStore(directory: directory), lineage: CacheKey(bytes: [1, 2, 3]))
        // A folder where step 1's state belongs stops its rename; the result is written.
        let state = snapshots.url(.state, step: 1)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)

        let error = SnapshotWriteError(
            part: "state for continuing", reason: "could not write '\(state.path)': Is a directory")
        #expect(throws: error) { try snapshots.save(result: Data([1]), state: Data([2]), step: 1) }
        #expect(
            error.description
                == "its state for continuing was not written: could not write '\(state.path)': Is a directory")
        #expect(FileManager.default.fileExists(atPath: snapshots.url(.result, step: 1).path))
    }

    @Test("A snapshot that is a FIFO is not resumed from, and not waited on")
    func skipsAFIFOSnapshot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "nb-snapshots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let snapshots = SnapshotStore(cache: CacheStore(directory: directory), lineage: CacheKey(bytes: [4, 5, 6]))
        try snapshots.save(result: Data([1]), state: Data([2]), step: 1)
        let result = snapshots.url(.result, step: 2)
        #expect(mkfifo(result.path, 0o644) == 0)
        let outcome = finishes(within: 10, unblocking: result.path) {
            #expect(snapshots.resumePoint(for: 2) == .continuing(from: 1))
            let error = #expect(throws: CacheEntryError.self) { try snapshots.result(step: 2) }
            #expect(error?.description == "it cannot be read (it is a named pipe (FIFO), not a regular file)")
        }
        #expect(outcome != nil)
    }
}
