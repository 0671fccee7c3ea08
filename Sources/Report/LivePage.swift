/// What the live preview adds to a served report, and only to it: the script that listens for
/// updates, and a banner with the diagnostics of an edit that does not check. The file in
/// `Output/` never has either.
public struct LivePage: Sendable {
    /// The preview's script, embedded after the page's own.
    public var script: String
    /// The diagnostics of the latest edit, as the terminal shows them, when it does not check.
    public var banner: String?

    /// Creates the additions.
    public init(script: String, banner: String? = nil) {
        self.script = script
        self.banner = banner
    }

    /// Writes the banner, if any, as a `<section class="live-banner">`.
    func renderBanner(into html: inout HTMLBuilder) {
        guard let banner else { return }
        html.wrap("section", ["class": "live-banner", "role": "alert", "id": "nb-live-banner"]) { html in
            html.element("p", text: "This edit does not check; the report below is the last good run.")
            html.element("pre", text: banner)
        }
    }
}
