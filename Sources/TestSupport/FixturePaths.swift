import Foundation

/// Where the project's committed files are, found from this source file's location so that tests
/// work from any working directory.
public enum FixturePaths {
    /// The package root (the folder holding Package.swift).
    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/<name>`.
    public static func fixture(_ name: String) -> URL {
        projectRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }
}
