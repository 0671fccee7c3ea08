/// Which link and image targets the page keeps: everything but the schemes that run code or
/// smuggle documents (`javascript:`, `vbscript:`, `file:`, and `data:` except images), as
/// GitHub and cmark-gfm's safe mode do.
enum URLFilter {
    /// Image types a `data:` URL may carry, in an image only.
    private static let imageTypes = ["image/png", "image/gif", "image/jpeg", "image/webp"]

    /// Whether the page may link to (or, with `image`, show) `url`.
    static func allows(_ url: String, image: Bool) -> Bool {
        // Browsers ignore control characters and spaces before and inside the scheme.
        let scheme = String(url.unicodeScalars.filter { $0.value > 0x20 }.prefix(24)).lowercased()
        if scheme.hasPrefix("javascript:") || scheme.hasPrefix("vbscript:") || scheme.hasPrefix("file:") {
            return false
        }
        if scheme.hasPrefix("data:") {
            return image && imageTypes.contains { scheme.dropFirst(5).hasPrefix($0) }
        }
        return true
    }
}
