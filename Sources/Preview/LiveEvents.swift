import Foundation
import Runner

/// Turns a run's events into the page's live events: which statement runs, its progress (at most
/// five times a second), the points of its loss curve, and what each statement did.
final class LiveEvents: RunObserver, @unchecked Sendable {
    // The lock guards `lastProgress`; hence @unchecked.
    private let lock = NSLock()
    private let hub: EventHub
    private var lastProgress: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    init(hub: EventHub) {
        self.hub = hub
    }

    func receive(_ event: RunEvent) {
        switch event {
        case .statementStarted(let info):
            hub.publish(
                "started", data: Self.json(["line": info.range.start.line, "source": info.source]), replayed: true)
        case .progress(let info, let done, let total, let unit, let message):
            let now = clock.now
            lock.lock()
            let due = lastProgress.map { now - $0 >= .milliseconds(200) } ?? true || (total > 0 && done >= total)
            if due { lastProgress = now }
            lock.unlock()
            guard due else { return }
            var fields: [String: Any] = ["line": info.range.start.line, "done": done, "total": total, "unit": unit]
            if let message { fields["message"] = message }
            hub.publish("progress", data: Self.json(fields))
        case .metric(let info, let series, let step, let value):
            let fields: [String: Any] = ["line": info.range.start.line, "series": series, "step": step, "value": value]
            hub.publish("point", data: Self.json(fields), replayed: true)
        case .statementFinished(let info, let status, let seconds, _, _, _):
            hub.publish(
                "finished",
                data: Self.json(["line": info.range.start.line, "status": status.rawValue, "seconds": seconds]))
        case .resumed, .warning:
            break
        }
    }

    /// One line of JSON; values that JSON cannot hold (NaN) become null.
    static func json(_ fields: [String: Any]) -> String {
        let cleaned = fields.mapValues { value -> Any in
            if let number = value as? Double, !number.isFinite { return NSNull() }
            return value
        }
        guard let data = try? JSONSerialization.data(withJSONObject: cleaned, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
