import Foundation
import Report
import Runner

/// Serves the report of a watched notebook on 127.0.0.1 and tells open pages about every new run
/// through Server-Sent Events (`GET /events`), with the running statement's progress and loss
/// curve as it trains.
///
/// `GET /` is the report as the file has it plus the live script (and, after an edit that does
/// not check, a banner with its diagnostics); `GET /<name>/<file>` serves the report's figure
/// files; every other path, and anything that tries to leave the figure folder, is a 404. Only
/// requests addressed to `127.0.0.1:PORT` or `localhost:PORT` are answered (421 otherwise), so a
/// web page whose own name was pointed at 127.0.0.1 (DNS rebinding) cannot read the report.
///
/// Its own small HTTP/1.1 server, one thread per connection: FlyingFox 0.27.1 (the newest in
/// reach) reads a head line by comparing the whole line so far after every byte, unbounded and
/// with no deadline or hook to add one, so one 1 MB header pinned a core for minutes.
public final class PreviewServer: @unchecked Sendable {
    // The lock guards `page`, `banner`, `html`, the figure folder, `clients` and `stopped`; hence
    // @unchecked.
    private let lock = NSLock()
    private let listener: ListeningSocket
    private let limits: PreviewLimits
    private let hub = EventHub()
    private let acceptLoopDone = DispatchSemaphore(value: 0)
    private var page: ReportPage?
    private var banner: String?
    private var html: String
    private var figureDirectory: URL?
    private var reportName = "notebook"
    /// Open connections by descriptor, so `stop()` can wake their threads.
    private var clients: [Int32: ClientSocket] = [:]
    private var stopped = false

    /// The port it listens on.
    public let port: UInt16

    /// Starts serving on 127.0.0.1 at `port`, or at the next free port of the following
    /// `attempts - 1`; returns once it listens.
    public static func start(
        port: UInt16, attempts: Int = 20, limits: PreviewLimits = .standard
    ) throws(PreviewError) -> PreviewServer {
        var candidate = port
        for _ in 0..<max(attempts, 1) {
            if !ListeningSocket.isAnswering(candidate), let listener = ListeningSocket(port: candidate) {
                return PreviewServer(listener: listener, port: candidate, limits: limits)
            }
            guard candidate < UInt16.max else { break }
            candidate += 1
        }
        throw .noFreePort(from: port, attempts: attempts)
    }

    private init(listener: ListeningSocket, port: UInt16, limits: PreviewLimits) {
        self.listener = listener
        self.port = port
        self.limits = limits
        html = Self.placeholder
        let thread = Thread { [self] in acceptConnections() }
        thread.name = "nb preview server"
        thread.start()
    }

    /// What the page's live script hears about a run: started statements, progress, curve points.
    public var observer: any RunObserver { LiveEvents(hub: hub) }

    /// The number of pages listening.
    var listeners: Int { hub.count }

    /// A run begins: pages that connect from now on catch up from its start.
    public func runStarted() {
        hub.clearReplay()
    }

    /// Serves `page` (the report of a finished run, whose figure files are in `figures`) and tells
    /// open pages to show it.
    public func show(_ page: ReportPage, figures: URL) {
        let html = Self.render(page, banner: nil)
        lock.withLock {
            self.page = page
            banner = nil
            figureDirectory = figures
            reportName = page.name
            self.html = html
        }
        hub.clearReplay()
        hub.publish("report", data: "{}")
    }

    /// Shows `diagnostics` (as the terminal prints them) in a banner above the last good report.
    public func showDiagnostics(_ diagnostics: String) {
        lock.withLock {
            banner = diagnostics
            html = page.map { Self.render($0, banner: diagnostics) } ?? Self.placeholder
        }
        hub.publish("diagnostics", data: LiveEvents.json(["text": diagnostics]))
    }

    /// Closes the listening socket, freeing the port, ends every stream and wakes every
    /// connection's thread; returns within a tenth of a second whatever the clients do.
    public func stop() {
        let alreadyStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        acceptLoopDone.wait()
        listener.close()
        hub.finishAll()
        // Under the lock: a connection's thread closes its descriptor only after leaving `clients`.
        lock.withLock { for client in clients.values { client.shutDown() } }
    }

    /// Accepts connections until `stop()`, each served on its own thread.
    private func acceptConnections() {
        defer { acceptLoopDone.signal() }
        while !lock.withLock({ stopped }) {
            guard let descriptor = listener.accept(waiting: 100) else { continue }
            let client = ClientSocket(accepted: descriptor, sendTimeout: limits.sendSeconds)
            let admitted = lock.withLock {
                guard clients.count < limits.connections else { return false }
                clients[descriptor] = client
                return true
            }
            guard admitted else {
                // A few bytes into an empty send buffer: never blocks this loop.
                PreviewExchange(socket: client, limits: limits).refuse(.init(status: .unavailable), lingering: false)
                client.close()
                continue
            }
            let thread = Thread { [self] in serve(client) }
            thread.name = "nb preview connection"
            thread.start()
        }
    }

    /// Reads one request from `client` and answers it, then closes the connection.
    private func serve(_ client: ClientSocket) {
        defer {
            lock.withLock { clients[client.descriptor] = nil }
            client.close()
        }
        let exchange = PreviewExchange(socket: client, limits: limits)
        switch exchange.readHead() {
        case .failure(let refusal):
            exchange.refuse(refusal)
        case .success(let head):
            exchange.send(respond(to: head), events: hub)
        }
    }

    /// The answer to `head`: its `Host` is checked before anything else, for every path.
    private func respond(to head: RequestHead) -> PreviewResponse {
        guard let host = head.host?.lowercased(), allowedHosts.contains(host) else { return .status(.misdirected) }
        guard head.method == "GET" else { return .status(.methodNotAllowed) }
        let (html, name, figures) = current()
        switch ServedPath(target: head.target, reportName: name) {
        case .report:
            return .content(Data(html.utf8), type: "text/html; charset=utf-8")
        case .events:
            return PreviewResponse(status: .ok, contentType: "text/event-stream", body: .events(hub.subscribe()))
        case .figure(let file):
            guard let figures, let data = FigureFile.read(file, in: figures) else { return .status(.notFound) }
            let type =
                file.hasSuffix(".png")
                ? "image/png" : file.hasSuffix(".svg") ? "image/svg+xml" : "application/octet-stream"
            return .content(data, type: type)
        case .icon:
            // Browsers ask for one; an empty answer keeps their console free of 404s.
            return .status(.noContent)
        case .none:
            return .status(.notFound)
        }
    }

    /// What the server holds now, read under the lock.
    private func current() -> (html: String, name: String, figures: URL?) {
        lock.withLock { (html, reportName, figureDirectory) }
    }

    /// The `Host` values that name this server (a browser leaves the port out only for port 80).
    private var allowedHosts: Set<String> {
        let named: Set = ["127.0.0.1:\(port)", "localhost:\(port)"]
        return port == 80 ? named.union(["127.0.0.1", "localhost"]) : named
    }

    private static func render(_ page: ReportPage, banner: String?) -> String {
        var live = page
        live.live = LivePage(script: LiveScript.javaScript, banner: banner)
        return live.html()
    }

    /// What `/` shows before the first run has finished.
    private static let placeholder = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>nb preview</title></head>
        <body><div class="page"><p>nb is running the notebook; the report appears here when it is done.</p></div>
        <script>\(LiveScript.javaScript)</script></body></html>
        """
}
