import Foundation
import Runner
import Testing

/// Writes an MNIST-format test split of `count` 28×28 images into `folder`, uncompressed, with
/// pixels and labels that depend on `variant`: the same variant gives the same bytes.
func writeMNISTTestSplit(to folder: URL, count: Int, variant: UInt8) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    func bigEndian(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    var images = [0, 0, 8, 3] + bigEndian(count) + bigEndian(28) + bigEndian(28)
    for index in 0..<(count * 784) { images.append(UInt8(truncatingIfNeeded: index &* 31 &+ Int(variant) &* 17)) }
    var labels = [0, 0, 8, 1] + bigEndian(count)
    for index in 0..<count { labels.append(UInt8((index + Int(variant)) % 10)) }
    try Data(images).write(to: folder.appendingPathComponent("t10k-images-idx3-ubyte"))
    try Data(labels).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
}

private func notebook(data: String?) -> String {
    let argument = data.map { ", data: \"\($0)\"" } ?? ""
    return """
        # Digests

        ```nb
        d = mnist(split: "test", limit: 100\(argument))
        m = mlp_vae(hidden: [16], latent: 2)
        f = train(m, on: d, epochs: 1, batch: 50)
        ```

        """
}

/// A statement's key holds the bytes of the files it reads, not their names.
@Suite struct InputDigestTests {
    @Test func dataSwappedBehindTheSamePathRetrainsButATouchDoesNot() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let folder = command.directory.appendingPathComponent("digits")
        try writeMNISTTestSplit(to: folder, count: 100, variant: 1)
        try command.write(notebook: notebook(data: "digits"))
        let first = try command.run(["notebook.md", "--output", "out"])
        #expect(first.status == 0, "\(first.errors)")
        let images = folder.appendingPathComponent("t10k-images-idx3-ubyte").path
        let inputs = try #require(try command.record().statements.first?.inputs)
        #expect(inputs.map(\.path) == [images, folder.appendingPathComponent("t10k-labels-idx1-ubyte").path])
        #expect(inputs.map(\.origin) == ["the directory given", "the directory given"])
        #expect(
            try String(contentsOf: command.directory.appendingPathComponent("out/notebook.html"), encoding: .utf8)
                .contains(images))

        // The same bytes written again: a new modification time, the same digest.
        try writeMNISTTestSplit(to: folder, count: 100, variant: 1)
        let touched = try command.run(["notebook.md", "--output", "out"])
        #expect(touched.status == 0, "\(touched.errors)")
        #expect(try command.record().statements.map(\.status) == [.cached, .cached, .cached])

        try writeMNISTTestSplit(to: folder, count: 100, variant: 2)
        let plan = try command.run(["notebook.md", "--output", "out", "--plan"])
        #expect(
            plan.output.contains("run        d = mnist(split: \"test\", limit: 100, data: \"digits\")"),
            "\(plan.output)")
        #expect(plan.output.contains("· input file \(images) changed"), "\(plan.output)")
        #expect(plan.output.contains("· the statement it reads ('d', line 4) changed"), "\(plan.output)")
        let swapped = try command.run(["notebook.md", "--output", "out"])
        #expect(swapped.status == 0, "\(swapped.errors)")
        let record = try command.record()
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran])
        #expect(
            record.statements.map(\.reason) == [
                .fileChanged(path: images), .valueNeeded(by: "f", line: 6), .inputChanged(name: "d", line: 4),
            ])
    }

    @Test func nbDataPointingAtOtherBytesRetrains() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let first = command.directory.appendingPathComponent("first")
        let second = command.directory.appendingPathComponent("second")
        try writeMNISTTestSplit(to: first.appendingPathComponent("mnist"), count: 100, variant: 3)
        try writeMNISTTestSplit(to: second.appendingPathComponent("mnist"), count: 100, variant: 4)
        try command.write(notebook: notebook(data: nil))
        var withFirst = command
        withFirst.environment["NB_DATA"] = first.path
        #expect(try withFirst.run(["notebook.md", "--output", "out"]).status == 0)
        let inputs = try #require(try command.record().statements.first?.inputs)
        #expect(inputs.map(\.origin) == ["NB_DATA", "NB_DATA"])
        #expect(inputs.first?.path == first.path + "/mnist/t10k-images-idx3-ubyte")
        #expect(try withFirst.run(["notebook.md", "--output", "out"]).status == 0)
        #expect(try command.record().statements.map(\.status) == [.cached, .cached, .cached])

        var withSecond = command
        withSecond.environment["NB_DATA"] = second.path
        #expect(try withSecond.run(["notebook.md", "--output", "out"]).status == 0)
        let record = try command.record()
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran])
        #expect(record.statements.first?.reason == .fileChanged(path: second.path + "/mnist/t10k-images-idx3-ubyte"))
    }

    @Test func thePlanSaysWhatWouldRunAndRunsNothing() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let folder = command.directory.appendingPathComponent("digits")
        try writeMNISTTestSplit(to: folder, count: 100, variant: 5)
        try command.write(notebook: notebook(data: "digits"))
        let plan = try command.run(["notebook.md", "--output", "out", "--plan"])
        #expect(plan.status == 0, "\(plan.errors)")
        #expect(plan.output.hasPrefix("notebook.md: 3 statements; 3 to run\n"), "\(plan.output)")
        #expect(plan.output.contains("  line 4   run        d = mnist(split: \"test\", limit: 100, data: \"digits\")"))
        #expect(plan.output.contains("· it is new"))
        #expect(
            !FileManager.default.fileExists(atPath: command.directory.appendingPathComponent("out/notebook.json").path))
        #expect(command.cacheEntries() == 0)
    }
}
