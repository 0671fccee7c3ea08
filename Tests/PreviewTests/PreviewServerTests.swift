import Foundation
import Notebook
import Report
import Runner
import Testing

@testable import Preview

/// The preview server as a hostile client meets it: over raw sockets on 127.0.0.1, each read
/// bounded by `RawClient`'s timeout.
@Suite struct PreviewServerTests {
    /// Short deadlines, so the tests that wait for them stay quick.
    static let quick = PreviewLimits(headBytes: 64 << 10, headSeconds: 0.5, sendSeconds: 2, connections: 32)

    /// A server on a port of its own (the tests run in parallel), stopped by the caller.
    static func server(from port: UInt16, limits: PreviewLimits = quick) throws -> PreviewServer {
        try PreviewServer.start(port: port, attempts: 50, limits: limits)
    }

    /// How long `work` takes.
    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// FlyingFox compared each header line so far after every byte: a 1 MB header spun a core for
    /// minutes, and three of them left `GET /` unanswered.
    @Test func aOneMegabyteHeaderGets431AndTheServerStillAnswersAtOnce() throws {
        let server = try Self.server(from: 18_100)
        defer { server.stop() }
        let host = "127.0.0.1:\(server.port)"
        let clients = try (0..<3).map { _ in try RawClient(port: server.port) }
        for client in clients {
            #expect(client.send("GET / HTTP/1.1\r\nHost: \(host)\r\nX-Big: " + String(repeating: "a", count: 1 << 20)))
        }
        for client in clients {
            #expect(client.statusLine() == "HTTP/1.1 431 Request Header Fields Too Large")
        }
        var status = ""
        let elapsed = try Self.seconds { status = try RawClient.get("/", port: server.port, host: host) }
        #expect(status == "HTTP/1.1 200 OK")
        #expect(elapsed < 1)
    }

    /// A head just under the limit is still a request.
    @Test func aHeadUnderTheLimitIsAnswered() throws {
        let server = try Self.server(from: 18_150)
        defer { server.stop() }
        let padding = String(repeating: "a", count: (64 << 10) - 200)
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Pad: \(padding)\r\n\r\n")
        #expect(client.statusLine() == "HTTP/1.1 200 OK")
    }

    @Test(arguments: [
        "GARBAGE\r\n\r\n",
        "GET /\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
        "GET /\u{FF} HTTP/1.1\r\n\r\n",
        "\r\n\r\n",
    ])
    func aMalformedHeadGets400(_ head: String) throws {
        let server = try Self.server(from: 18_200)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        var bytes = Array(head.utf8)
        if head.contains("\u{FF}") { bytes = Array("GET /".utf8) + [0xFF] + Array(" HTTP/1.1\r\n\r\n".utf8) }
        client.send(bytes)
        #expect(client.statusLine() == "HTTP/1.1 400 Bad Request")
    }

    /// FlyingFox kept a stalled client for as long as it stayed; the deadline counts from the
    /// connection, so a client that sends a byte every 50 ms is dropped at it too.
    @Test(arguments: [false, true])
    func aClientThatStallsMidRequestIsDroppedAndOthersAreServed(dribbling: Bool) throws {
        let server = try Self.server(from: 18_250)
        defer { server.stop() }
        let stalled = try RawClient(port: server.port)
        stalled.send("GET / HTTP/1.1\r\nHo")
        if dribbling {
            Thread.detachNewThread {
                for _ in 0..<60 {
                    guard stalled.send("s") else { return }
                    usleep(50_000)
                }
            }
        }
        #expect(try RawClient.get("/", port: server.port, host: "127.0.0.1:\(server.port)") == "HTTP/1.1 200 OK")
        var status = ""
        let elapsed = Self.seconds { status = stalled.statusLine() }
        #expect(status == "HTTP/1.1 408 Request Timeout")
        #expect(elapsed < 1.2)
    }

    /// A page elsewhere whose name resolves to 127.0.0.1 (DNS rebinding) sends its own name.
    @Test(arguments: [
        "evil.example", "evil.example:{port}", "0.0.0.0:{port}", "127.1:{port}", "127.0.0.1", "127.0.0.1:1",
        "localhost.:{port}", "", nil,
    ])
    func aRequestForAnotherHostGets421OnEveryPath(_ host: String?) throws {
        let server = try Self.server(from: 18_300)
        defer { server.stop() }
        let value = host?.replacingOccurrences(of: "{port}", with: "\(server.port)")
        for path in ["/", "/events", "/fig/a.png", "/nothing"] {
            #expect(try RawClient.get(path, port: server.port, host: value) == "HTTP/1.1 421 Misdirected Request")
        }
    }

    @Test func twoHostHeadersGet421() throws {
        let server = try Self.server(from: 18_350)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nHost: evil.example\r\n\r\n")
        #expect(client.statusLine() == "HTTP/1.1 421 Misdirected Request")
    }

    @Test(arguments: ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}"])
    func theServersOwnNamesAreAnswered(_ host: String) throws {
        let server = try Self.server(from: 18_400)
        defer { server.stop() }
        let value = host.replacingOccurrences(of: "{port}", with: "\(server.port)")
        for path in ["/", "/events", "/favicon.ico"] {
            let status = try RawClient.get(path, port: server.port, host: value)
            #expect(status == (path == "/favicon.ico" ? "HTTP/1.1 204 No Content" : "HTTP/1.1 200 OK"))
        }
    }

    @Test func anotherMethodGets405() throws {
        let server = try Self.server(from: 18_450)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("POST / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Length: 0\r\n\r\n")
        #expect(client.statusLine() == "HTTP/1.1 405 Method Not Allowed")
    }

    /// The event stream sends the replay and then each event as it is published.
    @Test func theEventStreamSendsPublishedEvents() throws {
        let server = try Self.server(from: 18_500)
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        client.send("GET /events HTTP/1.1\r\nHost: localhost:\(server.port)\r\n\r\n")
        #expect(client.statusLine() == "HTTP/1.1 200 OK")
        #expect(waitUntil { server.listeners == 1 })
        server.showDiagnostics("x.md:1:1: error: bad")
        server.stop()
        let rest = client.readAll()
        #expect(rest.contains("Content-Type: text/event-stream\r\n"))
        #expect(rest.hasSuffix("retry: 1000\n\nevent: diagnostics\ndata: {\"text\":\"x.md:1:1: error: bad\"}\n\n"))
    }
}

/// Whether `condition` holds within two seconds.
func waitUntil(_ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .seconds(2)
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        usleep(10_000)
    }
    return true
}
