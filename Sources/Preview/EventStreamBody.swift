import FlyingFox
import FlyingSocks
import Foundation

/// An event stream as the bytes of a chunked HTTP body: each event is written as soon as it is
/// published, which is what `text/event-stream` needs.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let events: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator {
        Iterator(events: events.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<Data>.AsyncIterator
        /// What is left of the event being read byte by byte.
        var pending: [UInt8] = []

        init(events: AsyncStream<Data>.AsyncIterator) {
            self.events = events
        }

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty {
                guard let event = await events.next() else { return nil }
                pending = [UInt8](event.reversed())
            }
            return pending.popLast()
        }

        /// The next whole event (FlyingFox writes each buffer as one chunk, at once).
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending.reversed()
            }
            guard let event = await events.next() else { return nil }
            return [UInt8](event)
        }
    }
}
