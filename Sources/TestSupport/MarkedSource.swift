import Notebook

/// A source text with emoji markers (`1️⃣`, `2️⃣`, …) naming positions, for diagnostic tests.
///
/// `x = 1️⃣mnst(split: "train")` becomes the text `x = mnst(split: "train")` with marker
/// `"1️⃣"` at line 1, column 5 (swift-format's `MarkedText`).
public struct MarkedSource: Sendable {
    /// The text with the markers removed.
    public let text: String
    /// Each marker's position in `text`, counted the way `SourceLocation` counts.
    public let markers: [String: SourceLocation]

    /// Removes the keycap-digit markers (`0️⃣`…`9️⃣`) and `🔟` from `marked`, whose first line is
    /// line `firstLine` of the file.
    public init(_ marked: String, firstLine: Int = 1) {
        var text = String.UnicodeScalarView()
        var markers: [String: SourceLocation] = [:]
        var line = firstLine
        var column = 1
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let isKeycap =
                ("0"..."9").contains(scalar) && index + 2 < scalars.count
                && scalars[index + 1] == "\u{FE0F}" && scalars[index + 2] == "\u{20E3}"
            if isKeycap || scalar == "🔟" {
                let length = isKeycap ? 3 : 1
                var name = String.UnicodeScalarView()
                name.append(contentsOf: scalars[index..<index + length])
                markers[String(name)] = SourceLocation(line: line, column: column)
                index += length
                continue
            }
            text.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        self.text = String(text)
        self.markers = markers
    }

    /// The position of `marker`, or line 0 column 0 (which no diagnostic has) if it is missing,
    /// so a test with a mistyped marker fails instead of crashing.
    public subscript(marker: String) -> SourceLocation {
        markers[marker] ?? SourceLocation(line: 0, column: 0)
    }
}
