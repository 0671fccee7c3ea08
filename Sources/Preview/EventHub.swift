import Foundation

/// The open pages' event streams: every published event goes to each of them as a Server-Sent
/// Event, and a page that connects late first gets the events that describe the run so far.
final class EventHub: @unchecked Sendable {
    // The lock guards `subscribers` and `replay`; hence @unchecked.
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Data>.Continuation] = [:]
    /// Events a new page needs to catch up: the current statement's progress and curve points.
    private var replay: [Data] = []

    /// A new stream of events, starting with the replay.
    func subscribe() -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        lock.lock()
        subscribers[id] = continuation
        let catchUp = replay
        lock.unlock()
        continuation.yield(Data("retry: 1000\n\n".utf8))
        for event in catchUp { continuation.yield(event) }
        return stream
    }

    /// Sends `event` with `data` (one line of JSON) to every open page; `replayed` events are also
    /// kept for pages that connect later, until `clearReplay()`.
    func publish(_ event: String, data: String, replayed: Bool = false) {
        let message = Data("event: \(event)\ndata: \(data)\n\n".utf8)
        lock.lock()
        if replayed { replay.append(message) }
        let targets = Array(subscribers.values)
        lock.unlock()
        for continuation in targets { continuation.yield(message) }
    }

    /// Forgets the replayed events (a new run starts from nothing).
    func clearReplay() {
        lock.lock()
        replay.removeAll()
        lock.unlock()
    }

    /// Ends every stream, so the server can close.
    func finishAll() {
        lock.lock()
        let targets = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for continuation in targets { continuation.finish() }
    }

    /// How many pages are listening.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    private func remove(_ id: UUID) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }
}
