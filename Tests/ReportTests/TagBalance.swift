/// A simple check that HTML is well nested: every start tag outside `<script>` and `<style>` is
/// closed in order, void elements and `<…/>` excepted.
enum TagBalance {
    static let voidElements: Set<String> = ["br", "hr", "img", "input", "meta", "link", "wbr", "source"]

    /// What is wrong, like `</div> closes <p>`; empty when every tag is closed in order.
    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        var open: [String] = []
        var rest = Substring(html)
        while let start = rest.firstIndex(of: "<") {
            guard let end = rest[start...].firstIndex(of: ">") else {
                problems.append("unterminated tag")
                break
            }
            let tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("!") || tag.hasSuffix("/") { continue }
            let closing = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "-" }).lowercased()
            if closing {
                guard let last = open.popLast() else {
                    problems.append("</\(name)> closes nothing")
                    continue
                }
                if last != name { problems.append("</\(name)> closes <\(last)>") }
            } else if !voidElements.contains(name) {
                open.append(name)
                // Script and style contents are not markup: skip to their end tag.
                if name == "script" || name == "style", let close = rest.range(of: "</\(name)>") {
                    rest = rest[close.lowerBound...]
                }
            }
        }
        return problems + open.reversed().map { "<\($0)> is never closed" }
    }
}
