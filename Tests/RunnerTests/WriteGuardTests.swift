import Foundation
import Runner
import Testing

/// Paths are compared as the file system resolves them, not as written.
@Suite struct WriteGuardTests {
    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nb-guard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("# n\n".utf8).write(to: folder.appendingPathComponent("n.md"))
        try Data([1]).write(to: folder.appendingPathComponent("data/images"))
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("link"), withDestinationURL: folder.appendingPathComponent("data"))
        try FileManager.default.linkItem(
            at: folder.appendingPathComponent("n.md"), to: folder.appendingPathComponent("hard.md"))
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func aPathReachesTheSameFileByDotsLinksOrASecondHardLink() {
        defer { try? FileManager.default.removeItem(at: folder) }
        let guarding = WriteGuard(
            notebook: path("n.md"), inputs: [path("data/images")], cacheDirectory: path("Output/.cache"))
        #expect(guarding.protected(path("data/../n.md")) == .notebook(path("n.md")))
        #expect(guarding.protected(path("hard.md")) == .notebook(path("n.md")))
        #expect(guarding.protected(path("link/images")) == .input(path("data/images")))
        #expect(guarding.protected(path("Output/.cache/new/entry.nbc")) == .cache(path("Output/.cache")))
        #expect(guarding.protected(path("Output/.cache")) == .cache(path("Output/.cache")))
        #expect(guarding.protected(path("Output/.cache2")) == nil)
        #expect(guarding.protected(path("link/labels")) == nil)
        #expect(guarding.protected(path("n.md.safetensors")) == nil)
    }
}
