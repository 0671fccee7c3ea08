import Testing

@testable import Report

/// The CommonMark spec's own examples, each rendered by nb's prose renderer and compared with
/// the expected HTML after the spec's normalization (`HTMLNormalizer`).
///
/// Each example runs with the GFM extensions its header names and no others, as cmark-gfm's
/// `spec_tests.py` runs them: CommonMark's own examples with none, since GFM's autolinks and tag
/// filter change eleven of them on purpose. cmark-gfm passes all; nb's renderer adds heading
/// ids (which the normalizer drops), math, and URL and raw-HTML sanitizing, so the score shows
/// what those cost.
@Test func theRendererPassesAtLeast600OfTheCommonMarkSpecsExamples() throws {
    let examples = try SpecExample.load("spec.txt").filter { $0.extension == nil }
    let failures = examples.filter { !passes($0) }
    #expect(examples.count == 649)
    #expect(examples.count - failures.count >= 600, "failed: \(failures.map(\.testDescription))")
    #expect(failures.map(\.number) == sanitizedOnPurpose)
}

/// The CommonMark examples the sanitizer changes on purpose, as GitHub's does: raw HTML outside
/// its allowlist of tags and attributes is shown as text (`<bab>`, `<div id="foo">`, `<?php`,
/// CDATA, unclosed tags), comments are dropped, and links whose scheme is not `http`, `https` or
/// `mailto` lose their target (`irc://`, `made-up-scheme:`, `localhost:5001`).
private let sanitizedOnPurpose = [
    120, 122, 123, 124, 126, 127, 128, 133, 134, 139, 140, 141, 142, 145, 146, 147, 148, 149, 150, 151, 152, 170, 288,
    289, 327, 500, 532, 544, 604, 606, 607, 609, 632, 633, 634, 635, 636, 642, 644, 647, 648, 649, 650,
]

/// The GFM examples the sanitizer changes on purpose: an `ftp://` autolink loses its target (628),
/// and the tag filter's disallowed tags are escaped whole, `>` included (653).
@Test(arguments: try SpecExample.load("spec.txt").filter { $0.extension != nil })
func theRendererPassesTheSpecsGFMExtensionExample(_ example: SpecExample) {
    #expect(passes(example) == ![628, 653].contains(example.number), "\(example.markdown)→\n\(render(example))")
}

/// As above, in cmark-gfm's own examples: `xmpp:` autolinks lose their target (19), and the tag
/// filter's example escapes `<random />` and `<thing>`, which are outside the allowlist (22).
@Test(
    arguments: try SpecExample.load("extensions.txt").map { example in
        var all = example
        all.extension = "all"
        return all
    })
func theRendererPassesCmarkGFMsExtensionExample(_ example: SpecExample) {
    #expect(passes(example) == ![19, 22].contains(example.number), "\(example.markdown)→\n\(render(example))")
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

/// With all of GitHub's extensions on, as nb renders notebooks, the CommonMark examples that
/// differ from the spec are those the sanitizer changes, and five URLs and addresses outside valid
/// `<…>` autolinks that the autolink extension links, as GitHub does.
@Test func withGitHubsExtensionsOnlyTheExamplesTheyChangeOnPurposeDiffer() throws {
    let examples = try SpecExample.load("spec.txt").filter { $0.extension == nil }
    let differing = examples.filter {
        HTMLNormalizer.normalize(MarkdownRenderer().html($0.markdown)) != HTMLNormalizer.normalize($0.html)
    }
    #expect(differing.map(\.number) == (sanitizedOnPurpose + [610, 614, 616, 619, 620]).sorted())
}
