/// How a value that differs from the last run shows it: the old value on hover (a `title`, which
/// needs no script), and for a number a small ▲ or ▼ with the difference, `▼ 0.42`.
///
/// The arrow says only which way the number moved, not whether that is better: a lower loss and a
/// lower accuracy both go down. Values that read the same as shown (they differ past the digits
/// the page writes) are not marked, so a run that reproduces its numbers shows no markers.
struct NumberChange: Equatable {
    /// The last run's value as the page would write it.
    var old: String
    /// `▲ 0.42` or `▼ 0.42`, or nil when the values are not both finite numbers.
    var delta: String?
    /// `up` or `down`, for the marker's class.
    var direction: String

    /// The change from `old` to `new`, each as the page writes it (`oldText`, `newText`), the
    /// difference in `format`; nil when the two read the same.
    init?(old: Double, new: Double, oldText: String, newText: String, format: TableNumberFormat) {
        guard oldText != newText else { return nil }
        self.old = oldText
        let difference = new - old
        direction = difference < 0 ? "down" : "up"
        guard difference.isFinite else {
            delta = nil
            return
        }
        // A difference the column's digits round to zero is written to its own precision.
        var written = format.string(abs(difference))
        if written.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) {
            written = TableNumberFormat(column: [abs(difference)]).string(abs(difference))
        }
        delta = (difference < 0 ? "▼ " : "▲ ") + written
    }

    /// The change between two texts a statement displayed, as numbers when both read as numbers
    /// and `numeric`; `written` is how the page writes such a text. Nil when they read the same.
    static func between(
        old: String, new: String, numeric: Bool, written: (String) -> String = { $0 }
    ) -> NumberChange? {
        let (oldText, newText) = (written(old), written(new))
        guard oldText != newText else { return nil }
        guard numeric, let oldNumber = Double(old), let newNumber = Double(new) else {
            return NumberChange(text: oldText)
        }
        var change = NumberChange(
            old: oldNumber, new: newNumber, oldText: oldText, newText: newText,
            format: TableNumberFormat(column: [oldNumber, newNumber]))
        // A sentence has no column to line up: `▲ 0.25`, not `▲ 0.2500`.
        if let delta = change?.delta, delta.contains("."), !delta.contains("e") {
            change?.delta = String(delta.reversed().drop { $0 == "0" }.drop { $0 == "." }.reversed())
        }
        return change
    }

    /// A change of text: the old text on hover, no arrow.
    private init(text: String) {
        old = text
        delta = nil
        direction = "text"
    }

    /// The hover text.
    var title: String {
        "last run: " + old
    }

    /// Writes the marker, `<span class="delta delta-down">▼ 0.42</span>`, if there is a difference.
    func render(into html: inout HTMLBuilder) {
        guard let delta else { return }
        html.element("span", ["class": "delta delta-\(direction)"], text: delta)
    }
}
