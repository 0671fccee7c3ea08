import Foundation

/// What a request path names, decided from its percent-decoded text alone: the report, the event
/// stream, a file in the report's figure folder, or nothing. Anything that could step outside the
/// folder (`..`, a backslash, an encoded slash or NUL, a hidden file) names nothing.
enum ServedPath: Equatable {
    /// `/`: the report.
    case report
    /// `/events`: the event stream.
    case events
    /// `/favicon.ico`: nothing, without an error.
    case icon
    /// `/<name>/<file>`: a figure file.
    case figure(String)
    /// Anything else: 404.
    case none

    /// The meaning of a request target as sent (`/a%20b.png?x`) for a report named `name`: its
    /// path, without query or fragment, percent-decoded; a path that does not decode names nothing.
    init(target: String, reportName name: String) {
        let path = target.prefix { $0 != "?" && $0 != "#" }
        guard let decoded = path.removingPercentEncoding else {
            self = .none
            return
        }
        self.init(decoded: decoded, reportName: name)
    }

    /// The path's meaning for a report named `name`.
    init(decoded path: String, reportName name: String) {
        switch path {
        case "/", "/index.html", "/\(name).html": self = .report
        case "/events": self = .events
        case "/favicon.ico": self = .icon
        default:
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].isEmpty, parts[1] == name[...], let file = parts.last,
                !file.isEmpty, !file.hasPrefix("."), !file.contains("\\"), !file.contains("\u{0}")
            else {
                self = .none
                return
            }
            self = .figure(String(file))
        }
    }
}
