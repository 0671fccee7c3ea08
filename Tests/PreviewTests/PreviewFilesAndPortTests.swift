import Foundation
import Notebook
import Report
import Runner
import Testing

@testable import Preview

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// What the preview serves from the figure folder, and its port across restarts.
@Suite struct PreviewFilesAndPortTests {
    /// A report named `fig` whose figure folder is `folder`.
    static func show(on server: PreviewServer, figures folder: URL) {
        let page = ReportPage(
            document: Document(source: SourceFile(path: "fig.md", text: "# Fig\n")),
            record: RunRecord(
                notebook: "fig.md", title: nil, seed: 0, parameters: [], statements: [], startedAt: "", seconds: 0),
            context: ReportContext(
                version: "0", gitCommit: nil, gitDirty: false, machine: .init(cores: 1, blas: "none")))
        server.show(page, figures: folder)
    }

    /// A fresh folder with `a.png` in it, and `secret.txt` beside it (outside the figure folder).
    static func folders() throws -> (figures: URL, secret: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nb-preview-\(UUID().uuidString)")
        let figures = root.appendingPathComponent("fig")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        try Data("png".utf8).write(to: figures.appendingPathComponent("a.png"))
        let secret = root.appendingPathComponent("secret.txt")
        try Data("secret".utf8).write(to: secret)
        return (figures, secret)
    }

    /// The server followed a symlink placed in `Output/<name>/` and served `/etc/passwd`.
    @Test func onlyARegularFileInTheFigureFolderIsServed() throws {
        let server = try PreviewServerTests.server(from: 18_600)
        defer { server.stop() }
        let (figures, secret) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: figures.deletingLastPathComponent()) }
        try FileManager.default.createSymbolicLink(
            at: figures.appendingPathComponent("link.png"), withDestinationURL: secret)
        try FileManager.default.linkItem(at: secret, to: figures.appendingPathComponent("hard.png"))
        #expect(mkfifo(figures.appendingPathComponent("fifo.png").path, 0o600) == 0)
        try FileManager.default.createDirectory(
            at: figures.appendingPathComponent("folder.png"), withIntermediateDirectories: false)
        Self.show(on: server, figures: figures)
        let host = "127.0.0.1:\(server.port)"
        let client = try RawClient(port: server.port)
        client.send("GET /fig/a.png HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        let answer = client.readAll()
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 3\r\n"))
        #expect(answer.hasSuffix("\r\n\r\npng"))
        for file in ["link.png", "hard.png", "fifo.png", "folder.png", "missing.png", "..%2Fsecret.txt"] {
            #expect(try RawClient.get("/fig/\(file)", port: server.port, host: host) == "HTTP/1.1 404 Not Found")
        }
    }

    /// A figure folder that is itself a symlink (to a folder with the same file names) is not read.
    @Test func aFigureFolderThatIsASymlinkIsNotRead() throws {
        let server = try PreviewServerTests.server(from: 18_650)
        defer { server.stop() }
        let (figures, _) = try Self.folders()
        defer { try? FileManager.default.removeItem(at: figures.deletingLastPathComponent()) }
        let linked = figures.deletingLastPathComponent().appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: figures)
        Self.show(on: server, figures: linked)
        #expect(
            try RawClient.get("/fig/a.png", port: server.port, host: "localhost:\(server.port)")
                == "HTTP/1.1 404 Not Found")
    }

    /// A stopped server's port waited in TIME_WAIT behind its closed connections, and the free
    /// port probe (a bind without `SO_REUSEADDR`) moved a restarted nb to the next port.
    @Test func aServerRestartsOnTheSamePortAtOnce() throws {
        let first = try PreviewServerTests.server(from: 18_700)
        let port = first.port
        // Read to the end, as a browser does: the server closes first, and its side waits in TIME_WAIT.
        for _ in 0..<3 {
            let client = try RawClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            #expect(client.readAll().hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
        first.stop()
        let second = try PreviewServer.start(port: port, attempts: 1)
        defer { second.stop() }
        #expect(second.port == port)
        #expect(try RawClient.get("/", port: port, host: "127.0.0.1:\(port)") == "HTTP/1.1 200 OK")
    }

    /// A port something else answers on is skipped, `SO_REUSEADDR` notwithstanding.
    @Test func aPortInUseIsSkipped() throws {
        let first = try PreviewServerTests.server(from: 18_750)
        defer { first.stop() }
        let second = try PreviewServer.start(port: first.port, attempts: 20)
        defer { second.stop() }
        #expect(second.port > first.port)
        #expect(throws: PreviewError.noFreePort(from: first.port, attempts: 1)) {
            try PreviewServer.start(port: first.port, attempts: 1)
        }
    }

    /// Ctrl-C stops nb through `stop()`: it must return at once, whatever the clients are doing
    /// (FlyingFox's stop waited on the spinning connections, and nb never exited).
    @Test func stopReturnsAtOnceWithStalledClientsAndOpenStreams() throws {
        let server = try PreviewServer.start(port: 18_800, attempts: 50, limits: .standard)
        let host = "127.0.0.1:\(server.port)"
        let stalled = try RawClient(port: server.port)
        stalled.send("GET / HTTP/1.1\r\nHo")
        let stream = try RawClient(port: server.port)
        stream.send("GET /events HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(stream.statusLine() == "HTTP/1.1 200 OK")
        let big = try RawClient(port: server.port)
        big.send("GET / HTTP/1.1\r\nHost: \(host)\r\nX: " + String(repeating: "a", count: 1 << 20))
        let elapsed = PreviewServerTests.seconds { server.stop() }
        #expect(elapsed < 0.5)
        #expect(stalled.statusLine() == "")
        #expect(stream.readAll().hasSuffix("retry: 1000\n\n"))
    }
}
