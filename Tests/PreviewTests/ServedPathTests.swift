import Testing

@testable import Preview

/// The request target as sent is cut at its query and decoded before it is looked up.
@Test(arguments: [
    ("/", ServedPath.report),
    ("/?reload=1", .report),
    ("/fig.html", .report),
    ("/events", .events),
    ("/fig/a%20b.png?x=1", .figure("a b.png")),
    ("/fig/a.png#top", .figure("a.png")),
    ("/fig/%2e%2e", .none),
    ("/fig/a%2Fb.png", .none),
    ("/fig/%00.png", .none),
    ("/fig/%zz", .none),
    ("/other/a.png", .none),
    ("http://evil.example/", .none),
])
func aRequestTargetNamesWhatItsDecodedPathNames(_ target: String, _ expected: ServedPath) {
    #expect(ServedPath(target: target, reportName: "fig") == expected)
}
