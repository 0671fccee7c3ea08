import Foundation
import TestSupport
import Testing

/// One example of the CommonMark/GFM spec format: Markdown, the HTML it must render to, the
/// section it is in and the extension it is for (nil for CommonMark's own examples).
struct SpecExample: CustomTestStringConvertible {
    var number: Int
    var section: String
    var `extension`: String?
    var markdown: String
    var html: String

    var testDescription: String { "example \(number) (\(section))" }

    /// The examples of `Tests/Fixtures/commonmark/<file>`, numbered from 1 as the spec does.
    static func load(_ file: String) throws -> [SpecExample] {
        let text = try String(contentsOf: FixturePaths.fixture("commonmark/" + file), encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var section = ""
        var current: (extension: String?, lines: [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if var example = current {
                if line == fence {
                    let lines = example.lines.map { $0.replacingOccurrences(of: "→", with: "\t") + "\n" }
                    let dot = lines.firstIndex(of: ".\n") ?? lines.endIndex
                    examples.append(
                        SpecExample(
                            number: examples.count + 1, section: section, extension: example.extension,
                            markdown: lines[..<dot].joined(), html: lines[dot...].dropFirst().joined()))
                    current = nil
                } else {
                    example.lines.append(line)
                    current = example
                }
            } else if line.hasPrefix(fence + " example") {
                let name = line.dropFirst(fence.count + " example".count).trimmingCharacters(in: .whitespaces)
                current = (name.isEmpty ? nil : name, [])
            } else if line.hasPrefix("#") {
                section = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            }
        }
        return examples
    }
}
