import Foundation
import Runner

/// The report's Content-Security-Policy, written as a `<meta http-equiv>` at the top of `<head>`.
///
/// It lets run only the inline scripts the page itself embeds, each allowed by the SHA-256 of its
/// exact text, so a `<script>` or an `onerror=` that a notebook's prose smuggles in does not run.
/// Inline styles and `data:` images are allowed, and nothing else is, not even from the same
/// folder: no script, style, font or image is fetched and no request leaves the page, which is
/// "self-contained" enforced by the browser rather than by review.
struct ContentSecurityPolicy: Equatable {
    /// The text of every inline `<script>` the page embeds, in any order.
    var scripts: [String]
    /// Whether the page may fetch from where it was served: only the live preview's page, for its
    /// event stream and the updated report.
    var connectsToItsServer = false

    /// The policy: `default-src 'none'; script-src 'sha256-…'; style-src 'unsafe-inline'; img-src data:; …`.
    var text: String {
        let hashes = scripts.map(Self.hashSource)
        return [
            "default-src 'none'",
            "script-src " + (hashes.isEmpty ? "'none'" : hashes.joined(separator: " ")),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "connect-src " + (connectsToItsServer ? "'self'" : "'none'"),
            "base-uri 'none'",
            "form-action 'none'",
        ].joined(separator: "; ")
    }

    /// `'sha256-<base64>'` of the script's UTF-8 text, as CSP Level 2 writes a hash source.
    static func hashSource(_ script: String) -> String {
        "'sha256-" + Data(SHA256.hash(Data(script.utf8))).base64EncodedString() + "'"
    }
}
