/// Text made safe for SVG, XML and HTML alike: the one escaper every page and figure nb writes
/// goes through, so a value reads the same in a chart's label and in the report around it.
public enum Markup {
    /// `value` with `&`, `<`, `>`, `"` and `'` as entities, safe in text and in quoted attributes,
    /// and the characters XML 1.0 forbids (control characters other than tab, newline and return,
    /// U+FFFE and U+FFFF) as U+FFFD.
    public static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
