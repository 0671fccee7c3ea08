import Testing

@testable import Report

/// The CommonMark spec's own examples, each rendered by nb's prose renderer and compared with
/// the expected HTML after the spec's normalization (`HTMLNormalizer`).
///
/// Each example runs with the GFM extensions its header names and no others, as cmark-gfm's
/// `spec_tests.py` runs them: CommonMark's own examples with none, since GFM's autolinks and tag
/// filter change eleven of them on purpose. cmark-gfm passes all; nb's renderer adds heading
/// ids (which the normalizer drops), math, and URL and raw-HTML filtering, so the score shows
/// what those cost.
@Test func theRendererPassesAtLeast640OfTheCommonMarkSpecsExamples() throws {
    let examples = try SpecExample.load("spec.txt").filter { $0.extension == nil }
    let failures = examples.filter { !passes($0) }
    #expect(examples.count == 649)
    #expect(examples.count - failures.count >= 640, "failed: \(failures.map(\.testDescription))")
    // The three are unclosed tags (`<div id="foo"` with no `>`), which nb shows as text rather
    // than let the browser read on into the page's own markup.
    #expect(failures.map(\.number) == [126, 127, 128])
}

@Test(arguments: try SpecExample.load("spec.txt").filter { $0.extension != nil })
func theRendererPassesTheSpecsGFMExtensionExample(_ example: SpecExample) {
    #expect(passes(example), "\(example.markdown)→\n\(render(example))")
}

@Test(
    arguments: try SpecExample.load("extensions.txt").map { example in
        var all = example
        all.extension = "all"
        return all
    })
func theRendererPassesCmarkGFMsExtensionExample(_ example: SpecExample) {
    #expect(passes(example), "\(example.markdown)→\n\(render(example))")
}

private func passes(_ example: SpecExample) -> Bool {
    // `<IGNORE>` marks an example that must only render without crashing.
    if example.html == "<IGNORE>\n" { return !render(example).isEmpty || example.markdown.isEmpty }
    return HTMLNormalizer.normalize(render(example)) == HTMLNormalizer.normalize(example.html)
}

/// The example rendered with its extensions on; cmark-gfm's own extension examples use them all.
private func render(_ example: SpecExample) -> String {
    let extensions: Set<String> =
        switch example.extension {
        case nil: []
        case "disabled"?: ["tasklist"]
        case "all"?: CMarkTree.gfm
        case let name?: [name]
        }
    return MarkdownRenderer(extensions: extensions).html(example.markdown)
}

/// With all of GitHub's extensions on, as nb renders notebooks, thirteen CommonMark examples
/// differ from the spec, each on purpose: the three unclosed tags above, five `<script>` and
/// `<style>` blocks the tag filter disarms, and five URLs and addresses outside valid `<…>` autolinks
/// that the autolink extension links, as GitHub does.
@Test func withGitHubsExtensionsOnlyTheExamplesTheyChangeOnPurposeDiffer() throws {
    let examples = try SpecExample.load("spec.txt").filter { $0.extension == nil }
    let differing = examples.filter {
        HTMLNormalizer.normalize(MarkdownRenderer().html($0.markdown)) != HTMLNormalizer.normalize($0.html)
    }
    #expect(differing.map(\.number) == [126, 127, 128, 140, 141, 142, 145, 147, 610, 614, 616, 619, 620])
    #expect(differing.filter { (140...147).contains($0.number) }.allSatisfy { $0.markdown.contains("<s") })
}
