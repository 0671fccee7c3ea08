/// Turns titles into file names and anchors: lower-case ASCII letters and digits joined by `-`.
enum Slug {
    /// `Latent map MLP VAE` → `latent-map-mlp-vae`; `fallback` when nothing is left.
    static func make(_ text: String, fallback: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? fallback : slug
    }
}

/// Slugs handed out so far, so each new one can be made unique with `-2`, `-3`….
struct SlugSet {
    private var used: Set<String> = []

    /// `slug` if unused, else `slug-2`, `slug-3`…, whichever is free first; marks it used.
    mutating func unique(_ slug: String) -> String {
        var candidate = slug
        var number = 2
        while used.contains(candidate) {
            candidate = "\(slug)-\(number)"
            number += 1
        }
        used.insert(candidate)
        return candidate
    }
}
