import Foundation
import Notebook
import Operations
import Runner
import TestSupport
import Testing

/// `Tests/Fixtures/data/<name>`, written by NumPy (Benchmarks/make_data_fixtures.py).
private func data(_ name: String) -> String { FixturePaths.fixture("data").appendingPathComponent(name).path }

/// A fresh CIFAR-10 folder of `records` images per batch file.
private func writeCIFARFolder(records: Int, meta: Bool = true) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nb-cifar-\(UUID().uuidString)")
    try GeneratedData.writeCIFAR(to: folder, records: records, meta: meta)
    return folder
}

/// Checks `marked` as one cell and returns the source with its markers and the diagnostics.
private func check(_ marked: String) -> (MarkedSource, [Diagnostic]) {
    let source = MarkedSource("```nb\n" + marked + "\n```\n")
    let document = Document(source: SourceFile(path: "loaders.md", text: source.text))
    return (source, Checker(registry: Builtins.registry, hints: .nb).check(document).diagnostics)
}

/// `name` in Debian's scikit-learn data folder (python3-sklearn, installed by Scripts/setup).
private func sklearn(_ name: String) -> String { "/usr/lib/python3/dist-packages/sklearn/datasets/data/" + name }

/// A loader's shape and class count are known before anything runs: a classifier with the
/// wrong number of outputs for them is an error at its stack, naming both.
@Test(arguments: [
    (#"npz(path: "\#(data("colour_nhwc.npz"))")"#, "3×2×2 → 12 → 1", 3),
    (#"npz(path: "\#(data("stored.npz"))")"#, "1×2×2 → 4 → 1", 10),
    (#"npy(path: "\#(data("u1.npy"))", labels: "\#(data("i8.npy"))")"#, "1×2×2 → 4 → 1", 10),
    (#"npy(path: "\#(data("table.npy"))", classes: ["a", "b"])"#, "3 → 1", 2),
    (#"image_folder(path: "\#(data("images/colour"))")"#, "3×8×8 → 192 → 1", 3),
    (#"csv(path: "\#(sklearn("wine_data.csv"))", label: "13", header: false, skip: 1)"#, "13 → 1", 3),
    (#"csv(path: "\#(sklearn("iris.csv"))", label: "4", header: false, skip: 1, split: "test")"#, "4 → 1", 3),
    (#"csv(path: "\#(sklearn("digits.csv.gz"))", label: "64", header: false)"#, "64 → 1", 10),
    (
        #"csv(path: "\#(sklearn("wine_data.csv"))", label: "13", header: false, skip: 1, features: ["0", "12"])"#,
        "2 → 1", 3
    ),
    (#"image_folder(path: "\#(data("images/grey"))")"#, "1×8×8 → 64 → 1", 3),
    (#"image_folder(path: "\#(data("images/sizes"))", size: [6, 9])"#, "3×6×9 → 162 → 1", 2),
])
func aLoadersShapeAndClassesAreKnownAtCheckTime(loader: String, shapes: String, classes: Int) {
    let (source, diagnostics) = check(
        "d = \(loader)\nn = classifier(1️⃣seq([flatten(), linear(1)]))\nf = train(n, on: d)")
    #expect(
        diagnostics.map(\.message) == [
            "the classifier gives 1, but the data has \(classes) classes (shapes: \(shapes)); end it with "
                + "linear(\(classes))"
        ])
    #expect(diagnostics.first?.range?.start == source["1️⃣"])
}

@Test func cifarsShapeAndClassesAreKnownAtCheckTime() throws {
    let folder = try writeCIFARFolder(records: 2)
    defer { try? FileManager.default.removeItem(at: folder) }
    let (_, diagnostics) = check(
        "d = cifar10(split: \"test\", data: \"\(folder.path)\")\nn = classifier(seq([flatten(), linear(1)]))\n"
            + "f = train(n, on: d)")
    #expect(
        diagnostics.map(\.message) == [
            "the classifier gives 1, but the data has 10 classes (shapes: 3×32×32 → 3072 → 1); end it with linear(10)"
        ])
}

/// A file that is not there or not readable is an error at the argument naming it, before
/// anything runs.
@Test func aLoadersBadFileIsAnErrorAtItsArgument() throws {
    let folder = try writeCIFARFolder(records: 2, meta: false)
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = data("nothing.npz")
    let (source, diagnostics) = check(
        """
        a = npz(path: 1️⃣"\(missing)")
        b = npz(path: "\(data("stored.npz"))", images: 2️⃣"x_val")
        c = npy(path: "\(data("u1.npy"))", labels: 3️⃣"\(data("labels_2d.npy"))")
        d = cifar10(data: 4️⃣"\(folder.path)")
        e = npy(path: 5️⃣"\(data("i8.npy"))")
        f = image_folder(path: 6️⃣"\(data("images/empty_class"))")
        g = image_folder(path: "\(data("images/colour"))", size: 7️⃣[8])
        h = csv(path: 8️⃣"\(sklearn("iris.csv"))", label: "species")
        i = csv(path: "\(sklearn("iris.csv"))", label: "4", header: false, skip: 1, classes: 9️⃣["setosa"])
        """)
    #expect(
        diagnostics.map(\.message) == [
            "'path:' names \(missing), which does not exist; check the path",
            "\(data("stored.npz")): no array 'x_val' in the archive (it holds x_train, y_train); use one of those names",
            "\(data("labels_2d.npy")): labels must be one integer per example, shape (N,) or (N, 1), but the array's "
                + "shape is (4, 2)",
            "\(folder.path) is not a folder of CIFAR-10's binary version: it lacks batches.meta.txt; point 'data:' at "
                + "the unpacked cifar-10-batches-bin folder",
            "\(data("i8.npy")): an array of shape (3,) is not a set of examples; nb reads (N, F) tables and (N, H, W), "
                + "(N, C, H, W) or (N, H, W, C) images with C = 1 or 3",
            "\(data("images/empty_class/b")): class 'b' has no .png, .jpg or .jpeg images; add its images or remove the "
                + "folder",
            "'size:' takes [height, width], two numbers, but got 1: [8]; write size: [32, 32]",
            "\(sklearn("iris.csv")): no label column 'species'; the table's columns are '150', '4', 'setosa', "
                + "'versicolor', 'virginica'",
            "'classes:' gives 1 name but the label column '4' holds 3 values (0, 1, 2); give one name for each, in "
                + "this order",
        ])
    #expect(
        diagnostics.map { $0.range?.start } == ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"].map { source[$0] })
}

/// A model trained on a table's rows has no images to draw: each figure of images is an error
/// at the fit, before anything runs.
@Test func figuresOfImagesRefuseFitsOfTables() {
    let (source, diagnostics) = check(
        """
        t = npy(path: "\(data("table.npy"))", classes: ["a", "b"])
        v = train(vae(encoder: seq([linear(4), relu()]), decoder: seq([linear(3)]), latent: 2), on: t, epochs: 1)
        c = train(classifier(seq([linear(2)])), on: t, epochs: 1)
        samples(1️⃣v)
        reconstructions(2️⃣v, images: t)
        interpolation(3️⃣v, images: t)
        mistakes(4️⃣c, on: t)
        x = test_loss(v, on: t)
        y = accuracy(c, on: t)
        """)
    let vae = "draws images, but v was trained on rows of 3 features; use test_loss or metrics"
    #expect(
        diagnostics.map(\.message) == [
            "'samples' " + vae, "'reconstructions' " + vae, "'interpolation' " + vae,
            "'mistakes' draws images, but c was trained on rows of 3 features; use confusion_matrix or accuracy",
        ])
    #expect(diagnostics.map { $0.range?.start } == ["1️⃣", "2️⃣", "3️⃣", "4️⃣"].map { source[$0] })
}

/// An image folder whose first image cannot be read is an error at its path, even when the call
/// also gives a size.
@Test func anUnreadableFirstImageIsAnErrorAtTheFoldersPath() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nb-folder-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("cat"), withIntermediateDirectories: true)
    try Data("not a picture".utf8).write(to: folder.appendingPathComponent("cat/1.png"))
    let (source, diagnostics) = check("d = image_folder(path: 1️⃣\"\(folder.path)\", size: [8, 8])")
    #expect(
        diagnostics.map(\.message) == [
            "\(folder.path)/cat/1.png: not a PNG or JPEG file (its 13 bytes start with neither signature); "
                + "save it again as PNG or JPEG, or remove it from the folder"
        ])
    #expect(diagnostics.first?.range?.start == source["1️⃣"])
}
