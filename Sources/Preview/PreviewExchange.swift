import Foundation

/// What the preview's connections may cost: a request head is at most `headBytes` and must
/// arrive within `headSeconds` of the connection (a total, so a client that sends a byte at a time
/// is dropped too); a client that does not read an answer for `sendSeconds` is dropped; at most
/// `connections` are open at once (each page's event stream keeps one).
public struct PreviewLimits: Sendable {
    /// The largest request head (request line and headers) answered; a larger one gets 431.
    public var headBytes: Int
    /// How long a client has to send its whole request head; then it gets 408.
    public var headSeconds: Double
    /// How long a write may wait for a client that does not read.
    public var sendSeconds: Double
    /// How many connections are served at once; more get 503.
    public var connections: Int

    /// Room for a browser's request with many cookies (Node's limit is 16 KB, nginx's 32 KB),
    /// a tenth of the size that made FlyingFox's parser spin.
    public static let standard = PreviewLimits(headBytes: 64 << 10, headSeconds: 10, sendSeconds: 10, connections: 32)
}

/// An answer's status.
enum PreviewStatus: Int {
    case ok = 200
    case noContent = 204
    case badRequest = 400
    case notFound = 404
    case methodNotAllowed = 405
    case requestTimeout = 408
    case misdirected = 421
    case headTooLarge = 431
    case unavailable = 503

    /// The reason phrase of RFC 9110 (and RFC 6585 for 431).
    var reason: String {
        switch self {
        case .ok: "OK"
        case .noContent: "No Content"
        case .badRequest: "Bad Request"
        case .notFound: "Not Found"
        case .methodNotAllowed: "Method Not Allowed"
        case .requestTimeout: "Request Timeout"
        case .misdirected: "Misdirected Request"
        case .headTooLarge: "Request Header Fields Too Large"
        case .unavailable: "Service Unavailable"
        }
    }
}

/// One answer. Every connection carries one request and is then closed (`Connection: close`),
/// which keeps the server free of keep-alive state; the event stream's body lasts until the page
/// or the server leaves.
struct PreviewResponse {
    /// What follows the head.
    enum Body {
        /// These bytes, with their length.
        case data(Data)
        /// The event stream of `GET /events`, subscribed when the request was answered, so no
        /// event published while the head is written is lost.
        case events(EventSubscription)
    }

    var status: PreviewStatus
    var contentType: String?
    var body: Body

    /// An answer with `data` of `type`, never cached (the report changes with every run).
    static func content(_ data: Data, type: String) -> PreviewResponse {
        PreviewResponse(status: .ok, contentType: type, body: .data(data))
    }

    /// An answer that is only its status, with the status line as a plain text body.
    static func status(_ status: PreviewStatus) -> PreviewResponse {
        let text = status == .noContent ? Data() : Data("\(status.rawValue) \(status.reason)\n".utf8)
        return PreviewResponse(
            status: status, contentType: text.isEmpty ? nil : "text/plain; charset=utf-8", body: .data(text))
    }

    /// The status line and headers.
    var head: Data {
        var lines = ["HTTP/1.1 \(status.rawValue) \(status.reason)"]
        if let contentType { lines.append("Content-Type: \(contentType)") }
        if case .data(let data) = body { lines.append("Content-Length: \(data.count)") }
        lines += ["Cache-Control: no-store", "X-Content-Type-Options: nosniff", "Connection: close"]
        return Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}

/// Reading one request from a client and writing its answer, within `PreviewLimits`.
struct PreviewExchange {
    let socket: ClientSocket
    let limits: PreviewLimits

    /// How often an idle event stream sends a comment line, to find out a page has gone.
    static let heartbeatSeconds = 15.0

    /// The request's head, or the answer that ends the exchange without one: 431 for a head over
    /// the limit, 408 for one that did not arrive in time, 400 for one that does not parse.
    func readHead() -> Result<RequestHead, Refusal> {
        let deadline = ContinuousClock.now + .milliseconds(Int(limits.headSeconds * 1000))
        var buffer: [UInt8] = []
        var searched = 0
        while true {
            if let end = RequestHead.end(in: buffer, from: searched - 2) {
                guard case .complete(let head) = RequestHead.parse(buffer[..<end]) else {
                    return .failure(Refusal(status: .badRequest))
                }
                return .success(head)
            }
            searched = buffer.count
            guard buffer.count < limits.headBytes else { return .failure(Refusal(status: .headTooLarge)) }
            guard socket.read(into: &buffer, atMost: limits.headBytes - buffer.count, before: deadline) else {
                let timedOut = ContinuousClock.now >= deadline
                return .failure(Refusal(status: .requestTimeout, clientListens: timedOut))
            }
        }
    }

    /// A request that gets no page: its status, and whether the client is still there to read it.
    struct Refusal: Error {
        var status: PreviewStatus
        var clientListens = true
    }

    /// Writes `response`; an event stream then runs until the page or the server leaves, and is
    /// then taken out of `hub`.
    func send(_ response: PreviewResponse, events hub: EventHub) {
        if case .events(let subscription) = response.body {
            defer { hub.unsubscribe(subscription) }
            guard socket.write(response.head) else { return }
            while true {
                switch subscription.next(waiting: Self.heartbeatSeconds) {
                case .event(let event): guard socket.write(event) else { return }
                case .quiet: guard socket.write(Data(":\n\n".utf8)) else { return }
                case .finished: return
                }
            }
        } else if socket.write(response.head), case .data(let data) = response.body {
            _ = socket.write(data)
        }
    }

    /// Writes a refusal, then (when `lingering`) reads and drops what the client still sends for
    /// a moment before closing: closing with unread bytes makes the kernel reset the connection,
    /// and the client would see the reset instead of the status (Apache's "lingering close").
    func refuse(_ refusal: Refusal, lingering: Bool = true) {
        guard refusal.clientListens else { return }
        let response = PreviewResponse.status(refusal.status)
        guard socket.write(response.head), case .data(let text) = response.body, socket.write(text) else { return }
        guard lingering else { return }
        socket.finishWriting()
        let deadline = ContinuousClock.now + .seconds(1)
        var sink: [UInt8] = []
        while socket.read(into: &sink, atMost: 64 << 10, before: deadline) { sink.removeAll(keepingCapacity: true) }
    }
}
