import FlyingFox
import FlyingSocks
import Foundation
import Report
import Runner

#if canImport(Glibc)
    import Glibc
#endif

/// Serves the report of a watched notebook on 127.0.0.1 and tells open pages about every new run
/// through Server-Sent Events (`GET /events`), with the running statement's progress and loss
/// curve as it trains.
///
/// `GET /` is the report as the file has it plus the live script (and, after an edit that does
/// not check, a banner with its diagnostics); `GET /<name>/<file>` serves the report's figure
/// files; every other path, and anything that tries to leave the figure folder, is a 404.
public final class PreviewServer: @unchecked Sendable {
    // The lock guards `page`, `banner` and `html`; hence @unchecked.
    private let lock = NSLock()
    private let server: HTTPServer
    private let hub = EventHub()
    private var page: ReportPage?
    private var banner: String?
    private var html: String
    private var figureDirectory: URL?
    private var reportName = "notebook"
    private let task: Task<Void, any Error>

    /// The port it listens on.
    public let port: UInt16

    /// Starts serving on 127.0.0.1 at `port`, or at the next free port of the following
    /// `attempts - 1`; returns once it listens.
    public static func start(port: UInt16, attempts: Int = 20) throws(PreviewError) -> PreviewServer {
        var candidate = port
        for _ in 0..<max(attempts, 1) {
            if Self.isFree(candidate) {
                do {
                    return try PreviewServer(port: candidate)
                } catch {
                    // Taken between the probe and the bind: try the next one.
                }
            }
            guard candidate < UInt16.max else { break }
            candidate += 1
        }
        throw .noFreePort(from: port, attempts: attempts)
    }

    private init(port: UInt16) throws {
        self.port = port
        html = Self.placeholder
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: DisabledLogger.disabled)
        self.server = server
        task = Task { try await server.run() }
        let listening = Waiter()
        Task {
            do {
                try await server.waitUntilListening(timeout: 5)
                listening.finish(nil)
            } catch {
                listening.finish(error)
            }
        }
        if let error = listening.wait() {
            task.cancel()
            throw error
        }
        Task {
            await server.appendRoute("GET *") { [weak self] request in
                await self?.respond(to: request) ?? .init(statusCode: .notFound)
            }
        }
        .waitSynchronously()
    }

    /// What the page's live script hears about a run: started statements, progress, curve points.
    public var observer: any RunObserver { LiveEvents(hub: hub) }

    /// The number of pages listening.
    public var listeners: Int { hub.count }

    /// A run begins: pages that connect from now on catch up from its start.
    public func runStarted() {
        hub.clearReplay()
    }

    /// Serves `page` (the report of a finished run, whose figure files are in `figures`) and tells
    /// open pages to show it.
    public func show(_ page: ReportPage, figures: URL) {
        lock.lock()
        self.page = page
        banner = nil
        figureDirectory = figures
        reportName = page.name
        html = Self.render(page, banner: nil)
        lock.unlock()
        hub.clearReplay()
        hub.publish("report", data: "{}")
    }

    /// Shows `diagnostics` (as the terminal prints them) in a banner above the last good report.
    public func showDiagnostics(_ diagnostics: String) {
        lock.lock()
        banner = diagnostics
        html = page.map { Self.render($0, banner: diagnostics) } ?? Self.placeholder
        lock.unlock()
        hub.publish("diagnostics", data: LiveEvents.json(["text": diagnostics]))
    }

    /// Closes every stream and the listening socket, freeing the port.
    public func stop() {
        hub.finishAll()
        Task { await server.stop(timeout: 1) }.waitSynchronously()
        task.cancel()
    }

    /// What the server holds now, read under the lock.
    private func current() -> (html: String, name: String, figures: URL?) {
        lock.withLock { (html, reportName, figureDirectory) }
    }

    private func respond(to request: HTTPRequest) async -> HTTPResponse {
        let (html, name, figures) = current()
        switch ServedPath(decoded: request.target.path(percentEncoded: false), reportName: name) {
        case .report:
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: Data(html.utf8))
        case .events:
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: EventStreamBody(events: hub.subscribe())))
        case .figure(let file):
            guard let figures else { return HTTPResponse(statusCode: .notFound) }
            let url = figures.appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = try? Data(contentsOf: url)
            else { return HTTPResponse(statusCode: .notFound) }
            let type =
                file.hasSuffix(".png")
                ? "image/png" : file.hasSuffix(".svg") ? "image/svg+xml" : "application/octet-stream"
            return HTTPResponse(statusCode: .ok, headers: [.contentType: type], body: data)
        case .icon:
            // Browsers ask for one; an empty answer keeps their console free of 404s.
            return HTTPResponse(statusCode: .noContent)
        case .none:
            return HTTPResponse(
                statusCode: .notFound, headers: [.contentType: "text/plain"], body: Data("not found\n".utf8))
        }
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

    /// Whether nothing listens on 127.0.0.1:`port`.
    private static func isFree(_ port: UInt16) -> Bool {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Why the preview cannot serve.
public enum PreviewError: Error, Equatable, CustomStringConvertible {
    /// Every port tried is taken.
    case noFreePort(from: UInt16, attempts: Int)

    /// The message.
    public var description: String {
        switch self {
        case .noFreePort(let port, let attempts):
            let last = Int(port) + attempts - 1
            return "no free port on 127.0.0.1 from \(port) to \(last); choose another with --port"
        }
    }
}

/// Blocks a synchronous caller until an asynchronous step reports.
private final class Waiter: @unchecked Sendable {
    // The semaphore orders the write of `error` before its read; hence @unchecked.
    private let semaphore = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    func finish(_ error: (any Error)?) {
        self.error = error
        semaphore.signal()
    }

    func wait() -> (any Error)? {
        semaphore.wait()
        return error
    }
}

extension Task where Success == Void, Failure == Never {
    /// Waits for the task from synchronous code (the watch loop's thread, never the task's own).
    fileprivate func waitSynchronously() {
        let waiter = Waiter()
        Task<Void, Never> {
            await self.value
            waiter.finish(nil)
        }
        _ = waiter.wait()
    }
}
