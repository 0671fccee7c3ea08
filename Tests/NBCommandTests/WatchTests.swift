import Foundation
import Runner
import Testing

#if canImport(Glibc)
    import Glibc
#endif

private func watched(count: Int) -> String {
    """
    # Watched

    ```nb
    d = mnist(split: "test", limit: 50, data: "digits")
    m = mlp_vae(hidden: [8], latent: 2)
    f = train(m, on: d, epochs: 1, batch: 25)
    samples(f, count: \(count))
    ```

    """
}

/// `nb FILE --watch` re-runs what each save changed, keeps the last good outputs through an edit
/// that does not check, and `--serve` shows it all to open pages.
@Suite(.serialized) struct WatchTests {
    /// A new record: any other than `record` (its start has one-second resolution, so two runs in
    /// one second differ only in their times).
    private func newRecord(after record: RunRecord?, in command: NBCommand) -> RunRecord? {
        guard let current = try? command.record(), current != record else { return nil }
        return current
    }

    @Test func editsRerunTheirStatementsBrokenEditsKeepTheOutputsAndDataChangesRerunTheirReaders() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let digits = command.directory.appendingPathComponent("digits")
        try writeMNISTTestSplit(to: digits, count: 50, variant: 1)
        try command.write(notebook: watched(count: 3))
        let live = try LiveProcess(command, ["notebook.md", "--watch", "--output", "out"])
        var record: RunRecord?
        #expect(
            live.wait {
                record = newRecord(after: nil, in: command); return record != nil && live.output.contains("watching")
            })
        #expect(record?.statements.map(\.status) == [.ran, .ran, .ran, .ran])

        try command.write(notebook: watched(count: 4))
        var edited: RunRecord?
        #expect(
            live.wait {
                edited = newRecord(after: record, in: command); return edited != nil
            })
        #expect(edited?.statements.map(\.status) == [.cached, .cached, .cached, .ran])
        #expect(edited?.statements.last?.reason == .argumentChanged(name: "count", old: "3", new: "4"))

        try command.write(notebook: watched(count: 4).replacingOccurrences(of: "count: 4", with: "count: 4,,"))
        // The diagnostics go to standard error and the line after them to standard output, which
        // arrive through two pipes: wait for both rather than for the second alone.
        #expect(
            live.wait {
                live.output.contains("fix the notebook and save") && live.output.contains("notebook.md:7:21: error:")
            },
            "\(live.output)")
        #expect(try command.record() == edited)

        try command.write(notebook: watched(count: 5))
        var fixed: RunRecord?
        #expect(
            live.wait {
                fixed = newRecord(after: edited, in: command); return fixed != nil
            })
        #expect(fixed?.statements.map(\.status) == [.cached, .cached, .cached, .ran])

        usleep(300_000)
        try writeMNISTTestSplit(to: digits, count: 50, variant: 2)
        var swapped: RunRecord?
        #expect(
            live.wait {
                swapped = newRecord(after: fixed, in: command); return swapped != nil
            }, "\(live.output)")
        #expect(swapped?.statements.map(\.status) == [.ran, .ran, .ran, .ran])
        #expect(
            swapped?.statements.first?.reason
                == .fileChanged(path: digits.appendingPathComponent("t10k-images-idx3-ubyte").path))
        #expect(live.stop() == 130)
    }

    @Test func anEditThatChangesTheRunningTrainingStopsItAndRunsTheNewPlan() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let training = { (lr: String) in
            """
            # Long

            ```nb
            d = mnist(split: "train", limit: 12000)
            m = mlp_vae(hidden: [400, 400], latent: 8)
            f = train(m, on: d, epochs: 4, lr: \(lr))
            ```

            """
        }
        try command.write(notebook: training("0.001"))
        let live = try LiveProcess(command, ["notebook.md", "--watch", "--output", "out"])
        // The data set and the model, then the first epoch's snapshot (result and state).
        #expect(live.wait { command.cacheEntries() >= 4 })
        try command.write(notebook: training("0.002"))
        #expect(live.wait { live.output.contains("stopping line 6: the edit changed it") }, "\(live.output)")
        #expect(live.wait { (try? command.record().statements.last?.status) == .ran })
        let record = try command.record()
        #expect(record.statements.last?.reason == .argumentChanged(name: "lr", old: "0.001", new: "0.002"))
        #expect(live.output.contains("interrupted"), "\(live.output)")
        #expect(live.stop() == 130)
    }

    @Test func theServerShowsTheReportStreamsUpdatesAndServesNothingElse() throws {
        let command = try NBCommand()
        defer { command.remove() }
        try writeMNISTTestSplit(to: command.directory.appendingPathComponent("digits"), count: 50, variant: 3)
        try command.write(notebook: watched(count: 3))
        let port: UInt16 = 18_000 + UInt16(getpid() % 1000)
        let live = try LiveProcess(
            command, ["notebook.md", "--watch", "--serve", "--port", String(port), "--output", "out"])
        var served: UInt16?
        #expect(
            live.wait {
                guard
                    let line = live.output.split(separator: "\n").first(where: { $0.hasPrefix("serving the report at") }
                    )
                else { return false }
                served = line.split(separator: ":").dropFirst(2).first.flatMap { UInt16($0.prefix { $0.isNumber }) }
                return live.output.contains("watching notebook.md")
            })
        let actual = try #require(served)
        #expect(actual >= port)

        let page = httpGet(port: actual, path: "/")
        #expect(page.status == 200)
        #expect(page.text.contains("<title>Watched</title>") || page.text.contains("Watched"))
        #expect(page.text.contains("new EventSource(\"/events\")"))
        #expect(httpGet(port: actual, path: "/notebook/samples.png").status == 200)
        for path in [
            "/nothing", "/../notebook.md", "/%2e%2e/notebook.md", "/notebook/..%2fnotebook.md", "/notebook/%2e%2e",
            "/out/.cache/digests.json",
        ] {
            #expect(httpGet(port: actual, path: path).status == 404, "\(path)")
        }
        // Bound to the loopback address only.
        let listening = try String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)
        let hexPort = String(format: ":%04X", actual)
        let ours = listening.split(separator: "\n").filter { $0.contains(hexPort + " 00000000:0000 0A") }
        #expect(ours.count == 1 && ours.allSatisfy { $0.contains("0100007F" + hexPort) }, "\(ours)")

        let events = EventsReader(port: actual)
        usleep(300_000)
        try command.write(notebook: watched(count: 4))
        #expect(events.wait(for: "event: report"), "\(events.text)")
        #expect(events.text.contains("event: started"))
        #expect(httpGet(port: actual, path: "/").text.contains("changed (3 → 4)"))

        try command.write(notebook: watched(count: 4).replacingOccurrences(of: "count: 4", with: "count: 4,,"))
        #expect(events.wait(for: "event: diagnostics"))
        let banner = httpGet(port: actual, path: "/").text
        #expect(banner.contains("nb-live-banner") && banner.contains("notebook.md:7:21: error:"))

        #expect(live.stop() == 130)
        #expect(httpGet(port: actual, path: "/").status == 0, "the port is still open")
    }
}

/// Reads `/events` on its own thread.
private final class EventsReader: @unchecked Sendable {
    // The lock guards `received`; hence @unchecked.
    private let lock = NSLock()
    private var received = ""

    init(port: UInt16) {
        Thread.detachNewThread { [self] in
            _ = httpGet(port: port, path: "/events", readUntil: "event: diagnostics", seconds: 60) { text in
                self.lock.withLock { self.received = text }
            }
        }
    }

    var text: String { lock.withLock { received } }

    func wait(for marker: String) -> Bool {
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline {
            if text.contains(marker) { return true }
            usleep(50_000)
        }
        return false
    }
}
