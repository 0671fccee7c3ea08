/// The table of contents: the prose's second- and third-level headings, nested, linking to
/// their anchors. The first level is the page title and is left out.
struct Contents {
    /// The headings in document order.
    var headings: [MarkdownRenderer.Heading]

    /// Writes `<nav>`, or nothing when there are no headings to list.
    func render(into html: inout HTMLBuilder) {
        // Each second-level heading with the third-level ones under it; a third-level heading
        // before any second-level one stands on its own.
        var groups: [(heading: MarkdownRenderer.Heading, children: [MarkdownRenderer.Heading])] = []
        for heading in headings where heading.level == 2 || heading.level == 3 {
            if heading.level == 3, !groups.isEmpty {
                groups[groups.count - 1].children.append(heading)
            } else {
                groups.append((heading, []))
            }
        }
        guard !groups.isEmpty else { return }
        html.open("nav", ["class": "contents", "aria-label": "Contents"])
        html.element("p", ["class": "contents-title"], text: "Contents")
        html.wrap("ol") { html in
            for group in groups {
                html.wrap("li") { html in
                    link(group.heading, into: &html)
                    guard !group.children.isEmpty else { return }
                    html.wrap("ol") { html in
                        for child in group.children { html.wrap("li") { link(child, into: &$0) } }
                    }
                }
            }
        }
        html.close()
    }

    private func link(_ heading: MarkdownRenderer.Heading, into html: inout HTMLBuilder) {
        html.element("a", ["href": "#" + heading.id], text: heading.text)
    }
}
