import Foundation
import TestSupport
import Testing

@testable import Report

/// Each kind of section of the sample report, compared whole with a golden file in
/// `Tests/Fixtures/golden/`, so any change to the page shows up in review as a diff of those
/// files. After an intended change, `Scripts/update-goldens` writes them anew; read the diff.
@Test(arguments: [
    ("header", "<header class=\"report-header\""),
    ("contents", "<nav class=\"contents\""),
    ("prose", "<div class=\"prose\""),
    ("cell-head", "<div class=\"cell-head\""),
    ("table", "<table class=\"data"),
    ("image-figure", "<figure class=\"figure image-figure\""),
    ("chart-figure", "<figure class=\"figure chart\""),
    ("failed-cell", "<section class=\"cell cell-failed\""),
])
func eachKindOfSectionMatchesItsGoldenFile(kind: String, opening: String) throws {
    let page = try SampleRun.page().html()
    let section = try #require(GoldenHTML.element(startingWith: opening, in: page), "no \(opening) in the page")
    let written = GoldenHTML.readable(section)
    let golden = FixturePaths.fixture("golden/\(kind).html")
    if ProcessInfo.processInfo.environment["NB_UPDATE_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(
            at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(written.utf8).write(to: golden)
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    #expect(written == expected, "\(kind) differs from \(golden.path); if intended, run Scripts/update-goldens")
}

/// Cuts one element out of a page and lays it out a block per line.
enum GoldenHTML {
    private static let blocks = [
        "header", "nav", "section", "div", "table", "thead", "tbody", "tr", "figure", "figcaption", "p", "ul", "ol",
        "li", "h1", "h2", "h3", "pre", "blockquote", "details", "dl", "svg", "g", "button", "dialog",
    ]

    /// The element that starts with `opening`, through its matching end tag.
    static func element(startingWith opening: String, in page: String) -> String? {
        guard let start = page.range(of: opening)?.lowerBound else { return nil }
        let name = String(opening.dropFirst().prefix { $0.isLetter })
        var depth = 0
        var index = start
        while let tag = page.range(of: "<", range: index..<page.endIndex) {
            let rest = page[tag.upperBound...]
            if rest.hasPrefix(name), rest.dropFirst(name.count).first.map({ $0 == " " || $0 == ">" }) == true {
                depth += 1
            } else if rest.hasPrefix("/" + name + ">") {
                depth -= 1
                if depth == 0 { return String(page[start..<page.index(tag.upperBound, offsetBy: name.count + 2)]) }
            }
            index = tag.upperBound
        }
        return nil
    }

    /// `html` with a line break before each block's start and end tag, and embedded images'
    /// bytes shortened to their length, so a diff reads by line.
    static func readable(_ html: String) -> String {
        var text = html
        for name in blocks {
            text = text.replacingOccurrences(of: "<\(name) ", with: "\n<\(name) ")
                .replacingOccurrences(of: "<\(name)>", with: "\n<\(name)>")
                .replacingOccurrences(of: "</\(name)>", with: "\n</\(name)>")
        }
        let base64 = try? NSRegularExpression(pattern: "base64,([A-Za-z0-9+/=]+)")
        let range = NSRange(text.startIndex..., in: text)
        text = base64?.stringByReplacingMatches(in: text, range: range, withTemplate: "base64,…") ?? text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n") + "\n"
    }
}
