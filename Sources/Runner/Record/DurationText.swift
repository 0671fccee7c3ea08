import Foundation

/// Durations as nb writes them everywhere, in the terminal and in the report: `< 0.1 s`,
/// `41.2 s`, `3 min 05 s`, `1 h 02 min`.
public enum DurationText {
    /// `seconds` for people; `? s` when it is not a duration.
    public static func of(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "? s" }
        if seconds < 0.05 { return "< 0.1 s" }
        // Halves round up, as people round: 41.25 s is 41.3 s.
        if seconds < 59.95 { return String(format: "%.1f s", (seconds * 10).rounded() / 10) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, whole / 60 % 60)
    }
}

extension Duration {
    /// The duration in seconds, for records and progress lines.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
