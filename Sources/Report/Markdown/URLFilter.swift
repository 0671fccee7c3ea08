/// Which link and image targets the page keeps, from an allowlist as GitHub's sanitizer has it:
/// relative URLs and fragments, `http:`, `https:` and `mailto:`, and in an image also a `data:`
/// URL of a PNG, GIF, JPEG or WebP. Anything else (`javascript:`, `vbscript:`, `file:`, other
/// `data:`, schemes no one checked) is dropped.
enum URLFilter {
    private static let schemes: Set<String> = ["http", "https", "mailto"]
    /// Image types a `data:` URL may carry, in an image only.
    private static let imageTypes = ["image/png", "image/gif", "image/jpeg", "image/webp"]

    /// Whether the page may link to (or, with `image`, show) `url`, read as a browser reads it.
    static func allows(_ url: String, image: Bool) -> Bool {
        // Browsers drop tabs and newlines anywhere in a URL and C0 controls and spaces around it.
        let scalars = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }.drop { $0.value <= 0x20 }
        guard let scheme = scheme(of: scalars) else { return true }
        if schemes.contains(scheme) { return true }
        let rest = String(String.UnicodeScalarView(scalars.dropFirst(scheme.unicodeScalars.count + 1))).lowercased()
        return image && scheme == "data" && imageTypes.contains { rest.hasPrefix($0) }
    }

    /// The URL's scheme, lowercased, or nil for a relative URL: a letter, then letters, digits,
    /// `+`, `-` or `.`, up to the first `:`.
    private static func scheme(of scalars: some Collection<Unicode.Scalar>) -> String? {
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.lowercased() }
            guard scalar.isASCII,
                scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || "+-.".unicodeScalars.contains(scalar)
            else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}
