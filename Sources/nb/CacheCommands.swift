import Foundation
import Runner

/// `nb --cache-info` and `nb --prune`: what the cache holds by notebook, and removing what no
/// notebook's last run used.
extension NB {
    /// The cache's use, read from `--output`'s cache and run records.
    private var usage: CacheUsage { CacheUsage(cache: cache, records: outputDirectory) }

    /// Prints the cache's entries and bytes, then each notebook's share, then what is unused.
    func printCacheInfo() {
        let usage = usage
        var lines = ["\(cachePath): \(Self.text(usage.all))"]
        for notebook in usage.notebooks {
            lines.append("  \(notebook.notebook) (\(notebook.record)): \(Self.text(notebook.used))")
        }
        if usage.recent.entries > 0 {
            lines.append(NBMessage.cacheRecent(Self.text(usage.recent)).description)
        }
        lines.append(NBMessage.cacheUnused(Self.text(usage.unused), any: usage.unused.entries > 0).description)
        print(lines.joined(separator: "\n"))
    }

    /// Removes the entries no notebook's last run used and prints what it freed.
    func pruneCache() {
        let usage = usage
        let (removed, failures) = usage.prune()
        for failure in failures {
            printError(CommandWarning.cannotRemove(path: failure.path, reason: failure.reason).description)
        }
        var kept = usage.all
        kept.entries -= removed.entries
        kept.bytes -= removed.bytes
        print("\(cachePath): removed \(Self.text(removed)); kept \(Self.text(kept))")
    }

    /// `1 entry, 120 bytes`, `5 entries, 1.2 MB`.
    static func text(_ tally: CacheUsage.Tally) -> String {
        "\(tally.entries) entr\(tally.entries == 1 ? "y" : "ies"), \(size(tally.bytes))"
    }

    /// Bytes in decimal units: `120 bytes`, `4.1 kB`, `65.3 MB`.
    static func size(_ bytes: UInt64) -> String {
        guard bytes >= 1000 else { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.95, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return String(format: "%.1f ", value) + units[unit]
    }
}
