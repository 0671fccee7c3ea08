import Foundation
import Runner
import TestSupport
import Testing

/// Notebooks train on data in the formats users bring, read through relative paths, with every
/// file read in the statement's key.
@Suite struct LoaderRunTests {
    /// A composed CNN classifier trains on colour 3×32×32 images in CIFAR-10's binary layout, and
    /// new bytes behind the same files retrain it.
    @Test func aCNNClassifierTrainsOnCIFARFormatFilesWhoseBytesAreInItsKey() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let folder = command.directory.appendingPathComponent("cifar")
        try GeneratedData.writeCIFAR(to: folder, records: 200)
        try command.write(
            notebook: """
                # CIFAR

                ```nb
                train_set = cifar10(split: "train", data: "cifar", limit: 600)
                test_set = cifar10(split: "test", data: "cifar")
                net = classifier(seq([conv2d(4, kernel: 3, padding: 1), relu(), max_pool2d(2), flatten(), linear(10)]))
                fit = train(net, on: train_set, epochs: 3, batch: 50, lr: 0.01)
                score = accuracy(fit, on: test_set)
                ```

                """)
        let first = try command.run(["notebook.md", "--output", "out"])
        #expect(first.status == 0, "\(first.errors)")
        let record = try command.record()
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran, .ran, .ran])
        let inputs = try #require(record.statements.first?.inputs)
        #expect(
            inputs.map(\.path)
                == [
                    "batches.meta.txt", "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                    "data_batch_5.bin",
                ].map { folder.appendingPathComponent($0).path })
        #expect(inputs.allSatisfy { $0.sha256?.count == 64 })
        guard case .text(let score)? = record.statements.last?.display, let accuracy = Double(score) else {
            Issue.record("the accuracy is not a number: \(String(describing: record.statements.last?.display))")
            return
        }
        // Where the red band lies gives the class: far above the 10% of guessing.
        #expect(accuracy > 0.5, "accuracy \(accuracy)")

        try GeneratedData.writeCIFAR(to: folder, records: 200, variant: 1)
        let second = try command.run(["notebook.md", "--output", "out"])
        #expect(second.status == 0, "\(second.errors)")
        let rerun = try command.record().statements
        #expect(rerun.map(\.status) == [.ran, .ran, .ran, .ran, .ran])
        let batch = folder.appendingPathComponent("data_batch_1.bin").path
        let test = folder.appendingPathComponent("test_batch.bin").path
        #expect(
            rerun.map(\.reason) == [
                .fileChanged(path: batch), .fileChanged(path: test), .valueNeeded(by: "fit", line: 7),
                .inputChanged(name: "train_set", line: 4), .inputChanged(name: "fit", line: 7),
            ])
    }

    /// The same CNN trains on a folder of colour 32×32 PNGs, one subfolder per class; every
    /// image is an input of the loader's key, and a changed image reloads and retrains.
    @Test func aCNNClassifierTrainsOnAColourImageFolder() throws {
        let command = try NBCommand()
        defer { command.remove() }
        let folder = command.directory.appendingPathComponent("bands")
        try GeneratedData.writeImageFolder(to: folder, classes: 4, perClass: 40)
        try command.write(
            notebook: """
                # Bands

                ```nb
                images = image_folder(path: "bands")
                net = classifier(seq([conv2d(4, kernel: 3, padding: 1), relu(), max_pool2d(2), flatten(), linear(4)]))
                fit = train(net, on: images, epochs: 3, batch: 20, lr: 0.01)
                score = accuracy(fit, on: images)
                images
                ```

                """)
        let first = try command.run(["notebook.md", "--output", "out"])
        #expect(first.status == 0, "\(first.errors)")
        let record = try command.record()
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran, .ran, .ran])
        let inputs = try #require(record.statements.first?.inputs)
        #expect(inputs.count == 160)
        #expect(inputs.first?.path == folder.appendingPathComponent("class_0/0.png").path)
        #expect(inputs.last?.path == folder.appendingPathComponent("class_3/9.png").path)
        guard case .text(let score)? = record.statements[3].display, let accuracy = Double(score) else {
            Issue.record("the accuracy is not a number: \(String(describing: record.statements[3].display))")
            return
        }
        #expect(accuracy > 0.9, "accuracy \(accuracy)")
        guard case .list(let summary)? = record.statements.last?.display else {
            Issue.record("the data set shows no summary")
            return
        }
        #expect(summary.first == .text("bands: 160 colour images of 32×32 pixels"))

        try GeneratedData.writeImageFolder(to: folder, classes: 4, perClass: 41)
        #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
        #expect(
            try command.record().statements.first?.reason
                == .fileChanged(path: folder.appendingPathComponent("class_0/40.png").path))
    }

    /// Each loader of a user's files reads them as inputs of its statement's key: their SHA-256 is
    /// recorded, and other bytes behind the same path reload the data set.
    @Test(arguments: [
        ("npz", #"npz(path: "data.npz")"#, ["data.npz"]),
        ("npy", #"npy(path: "x.npy", labels: "y.npy")"#, ["x.npy", "y.npy"]),
        ("csv", #"csv(path: "table.csv", label: "y")"#, ["table.csv"]),
    ])
    func aLoadersFilesAreInItsKey(kind: String, call: String, files: [String]) throws {
        let command = try NBCommand()
        defer { command.remove() }
        func write(variant: UInt8) throws {
            let data = FixturePaths.fixture("data")
            for file in files {
                let target = command.directory.appendingPathComponent(file)
                switch file {
                case "data.npz":
                    // The same arrays, stored or deflated: other bytes behind the path.
                    let source = variant == 1 ? "stored.npz" : "deflated.npz"
                    try Data(contentsOf: data.appendingPathComponent(source)).write(to: target)
                case "x.npy", "y.npy":
                    var bytes = try Data(contentsOf: data.appendingPathComponent(file == "x.npy" ? "u1.npy" : "i8.npy"))
                    // The last pixel, or the low byte of the last int64 label: another value is other data.
                    bytes[bytes.count - (file == "x.npy" ? 1 : 8)] = variant
                    try bytes.write(to: target)
                default:
                    try Data("a,b,y\n1,2,0\n3,4,1\n5,\(variant),1\n".utf8).write(to: target)
                }
            }
        }
        try write(variant: 1)
        try command.write(notebook: "# \(kind)\n\n```nb\nd = \(call)\nd\n```\n")
        let first = try command.run(["notebook.md", "--output", "out"])
        #expect(first.status == 0, "\(first.errors)")
        let inputs = try #require(try command.record().statements.first?.inputs)
        #expect(inputs.map(\.path) == files.map { command.directory.appendingPathComponent($0).path })
        #expect(inputs.allSatisfy { $0.sha256?.count == 64 && $0.origin == "path:" })
        #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
        #expect(try command.record().statements.map(\.status) == [.cached, .cached])
        try write(variant: 2)
        #expect(try command.run(["notebook.md", "--output", "out"]).status == 0)
        let changed = command.directory.appendingPathComponent(files[0]).path
        #expect(try command.record().statements.first?.reason == .fileChanged(path: changed))
    }
}
