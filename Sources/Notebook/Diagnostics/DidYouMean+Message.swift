/// How a message offers the nearest known name.
extension DidYouMean {
    /// `"; did you mean 'x'?"` when there is a suggestion, else the empty string.
    public static func suffix(for name: String, among candidates: [String]) -> String {
        suggestion(for: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
