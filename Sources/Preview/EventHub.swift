import Foundation

/// The open pages' event streams: every published event goes to each of them as a Server-Sent
/// Event, and a page that connects late first gets the events that describe the run so far.
final class EventHub: @unchecked Sendable {
    // The lock guards `subscribers` and `replay`; hence @unchecked.
    private let lock = NSLock()
    private var subscribers: [ObjectIdentifier: EventSubscription] = [:]
    /// Events a new page needs to catch up: the current statement's progress and curve points.
    private var replay: [Data] = []

    /// A new stream of events, starting with the replay; `unsubscribe` it when the page is gone.
    func subscribe() -> EventSubscription {
        let subscription = EventSubscription()
        subscription.push(Data("retry: 1000\n\n".utf8))
        lock.withLock {
            // Under the lock, so no event published meanwhile comes before the catch-up.
            for event in replay { subscription.push(event) }
            subscribers[ObjectIdentifier(subscription)] = subscription
        }
        return subscription
    }

    /// Stops sending to `subscription`.
    func unsubscribe(_ subscription: EventSubscription) {
        lock.withLock { subscribers[ObjectIdentifier(subscription)] = nil }
    }

    /// Sends `event` with `data` (one line of JSON) to every open page; `replayed` events are also
    /// kept for pages that connect later, until `clearReplay()`.
    func publish(_ event: String, data: String, replayed: Bool = false) {
        let message = Data("event: \(event)\ndata: \(data)\n\n".utf8)
        let targets = lock.withLock {
            if replayed { replay.append(message) }
            return Array(subscribers.values)
        }
        for subscription in targets { subscription.push(message) }
    }

    /// Forgets the replayed events (a new run starts from nothing).
    func clearReplay() {
        lock.withLock { replay.removeAll() }
    }

    /// Ends every stream, so the server can close.
    func finishAll() {
        let targets = lock.withLock {
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for subscription in targets { subscription.finish() }
    }

    /// How many pages are listening.
    var count: Int {
        lock.withLock { subscribers.count }
    }
}

/// One page's events waiting to be sent, read by its connection's thread.
final class EventSubscription: @unchecked Sendable {
    // The condition's lock guards `queue` and `finished`; hence @unchecked.
    private let condition = NSCondition()
    private var queue: [Data] = []
    private var finished = false
    /// A page that stops reading loses its oldest events rather than growing the queue.
    private let capacity = 256

    /// What `next(waiting:)` found.
    enum Next: Equatable {
        /// An event to send.
        case event(Data)
        /// Nothing within the wait.
        case quiet
        /// The stream has ended.
        case finished
    }

    /// Queues `event`.
    func push(_ event: Data) {
        condition.withLock {
            guard !finished else { return }
            queue.append(event)
            if queue.count > capacity { queue.removeFirst() }
            condition.signal()
        }
    }

    /// Ends the stream once the queued events are read.
    func finish() {
        condition.withLock {
            finished = true
            condition.signal()
        }
    }

    /// The next event, waiting at most `seconds` for one.
    func next(waiting seconds: Double) -> Next {
        let deadline = Date(timeIntervalSinceNow: seconds)
        return condition.withLock {
            while queue.isEmpty, !finished {
                guard condition.wait(until: deadline) else { return .quiet }
            }
            return queue.isEmpty ? .finished : .event(queue.removeFirst())
        }
    }
}
