/// Suggests the known name closest to a misspelt one, for "did you mean 'mnist'?".
///
/// It lives in Notebook rather than the checker because front-matter keys need it too.
public enum DidYouMean {
    /// The candidate nearest to `name` by edit distance, if it is close enough to be a typo:
    /// at most a third of the longer name's length, so one- and two-letter names get none.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        // The distance table is as large as the two names' product: a typo of a 20,000-letter
        // name would take gigabytes, and no one mistypes a name that long.
        guard name.count <= maximumLength else { return nil }
        var best: (name: String, distance: Int)?
        let length = name.count
        let lowered = name.lowercased()
        for candidate in candidates where candidate != name {
            let candidateLength = candidate.count
            let allowed = max(length, candidateLength) / 3
            // The distance is at least the difference in length: skip the table when that is too far.
            guard candidateLength <= maximumLength, abs(candidateLength - length) <= allowed else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            guard distance <= allowed else { continue }
            // Nearest first, then the first in alphabetical order, whatever order the candidates come in.
            if let current = best, (current.distance, current.name) <= (distance, candidate) { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// The longest name a suggestion is looked for (or offered).
    public static let maximumLength = 64

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    public static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // rows[i][j] is the distance between a's first i and b's first j characters.
        var rows = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var distance = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, rows[i - 2][j - 2] + 1)
                }
                rows[i][j] = distance
            }
        }
        return rows[a.count][b.count]
    }
}
