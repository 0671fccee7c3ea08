import Foundation
import Testing

@testable import Datasets

/// The image folders `Benchmarks/make_image_fixtures.py` wrote with Pillow, and the pixels Pillow
/// decoded from them.
enum ImageFixtures {
    /// The folder holding them.
    static let directory = NumPyFixtures.path("images")

    /// The path of `name` inside it.
    static func path(_ name: String) -> String { directory + "/" + name }

    /// Pillow's decoding of a folder, `N × C × H × W` bytes, and its shape.
    static func expected(_ name: String) throws -> (shape: [Int], bytes: [UInt8]) {
        let array = try NPYReader.read(path: path("expected/\(name).npy"))
        return (array.shape, array.bytes)
    }
}

@Suite("Reading image folders")
struct ImageFolderTests {
    @Test("Classes are the sorted subfolders and files sorted within them; hidden and other files are skipped")
    func listsAsTorchvisionDoes() throws {
        let folder = try ImageFolder(path: ImageFixtures.path("grey"))
        #expect(folder.classNames == ["circle", "square", "triangle"])
        let names = ["circle/0", "circle/1", "square/0", "square/1", "triangle/0", "triangle/1"]
        #expect(folder.files == names.map { ImageFixtures.path("grey/\($0).png") })
        #expect(folder.labels == [0, 0, 1, 1, 2, 2])
    }

    @Test(
        "Nested folders are listed in torchvision's order (by folder, then name, by code point); linked folders inside a class are not entered"
    )
    func listsNestedFoldersInTorchvisionOrder() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for name in [
            "b/1.png", "A/1.jpg", "a/z.png", "a/Y.PNG", "a/x.jpeg", "a/notes.md", "a/sub/y.png", "a/sub-2/w.png",
        ] {
            try folder.write([0], to: name)
        }
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/a/loop", withDestinationPath: folder.path + "/a")
        let listed = try ImageFolder(path: folder.path)
        #expect(listed.classNames == ["A", "a", "b"])
        let names = ["A/1.jpg", "a/Y.PNG", "a/x.jpeg", "a/z.png", "a/sub/y.png", "a/sub-2/w.png", "b/1.png"]
        #expect(listed.files == names.map { folder.path + "/" + $0 })
        #expect(listed.labels == [0, 1, 1, 1, 1, 1, 2])
    }

    @Test("An unreadable image after the first stops the read with its own path, while the check passes")
    func stopsAtAnUnreadableLaterImage() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ImageFixtures.path("colour/bird/a.png"))))
        try folder.write(good, to: "bird/0.png")
        let bad = try folder.write(Array("not an image".utf8), to: "bird/1.png")
        let listed = try ImageFolder(path: folder.path)
        #expect(try listed.elementShape() == ImageShape(channels: 3, height: 8, width: 8))
        #expect(throws: DatasetError.notAnImage(path: bad, bytes: 12)) { try listed.read() }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let folder: String
        let shape: ImageShape
        let classNames: [String]
        var testDescription: String { folder }
    }

    static let cases: [Case] = [
        Case(
            folder: "grey", shape: ImageShape(channels: 1, height: 8, width: 8),
            classNames: ["circle", "square", "triangle"]),
        Case(
            folder: "colour", shape: ImageShape(channels: 3, height: 8, width: 8), classNames: ["bird", "cat", "dog"]),
        Case(folder: "modes_rgb", shape: ImageShape(channels: 3, height: 6, width: 5), classNames: ["all"]),
        Case(folder: "modes_grey", shape: ImageShape(channels: 1, height: 6, width: 5), classNames: ["all"]),
    ]

    @Test(
        "Every PNG colour type and JPEG kind decodes to Pillow's bytes, channels first, in the first image's channels",
        arguments: cases)
    func decodesAsPillowDoes(_ test: Case) throws {
        let folder = try ImageFolder(path: ImageFixtures.path(test.folder))
        #expect(try folder.elementShape() == test.shape)
        let images = try folder.read()
        let expected = try ImageFixtures.expected(test.folder)
        #expect(images.shape == test.shape)
        #expect([images.count] + test.shape.dimensions == expected.shape)
        #expect(images.classNames == test.classNames)
        #expect(images.bytes == expected.bytes)
    }

    @Test(
        "Resizing matches Pillow's bilinear resize byte for byte, shrinking with antialiasing and enlarging",
        arguments: [
            (ImageSize(height: 6, width: 9), "sizes_6x9"), (ImageSize(height: 20, width: 3), "sizes_20x3"),
        ])
    // To 6×9, 8×8 and 12×10 take Pillow's vertical pass first, the others its horizontal one.
    func resizesAsPillowDoes(_ size: ImageSize, _ name: String) throws {
        let folder = try ImageFolder(path: ImageFixtures.path("sizes"))
        let shape = ImageShape(channels: 3, height: size.height, width: size.width)
        #expect(try folder.elementShape(size: size) == shape)
        let images = try folder.read(size: size)
        let expected = try ImageFixtures.expected(name)
        #expect([6] + shape.dimensions == expected.shape)
        #expect(images.labels == [0, 0, 0, 1, 1, 1])
        #expect(images.bytes == expected.bytes)
    }

    @Test(
        "Headers alone give each file's format, size and kept channels",
        arguments: [
            ("0_first.png", ImageFormat.png, 3), ("1_palette.png", .png, 3), ("2_rgba.png", .png, 3),
            ("3_grey_alpha.png", .png, 1), ("4_grey16.png", .png, 1), ("5_bilevel.png", .png, 1),
            ("6_grey.jpg", .jpeg, 1), ("7_progressive.jpg", .jpeg, 3), ("8_palette_trns.png", .png, 3),
        ])
    func readsHeaders(_ file: String, _ format: ImageFormat, _ channels: Int) throws {
        let path = ImageFixtures.path("modes_rgb/all/" + file)
        let header = try ImageDecoder.header([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        #expect(header.format == format)
        #expect(
            ImageShape(channels: header.channels, height: header.height, width: header.width)
                == ImageShape(channels: channels, height: 6, width: 5))
    }

    @Test("Without a size, an image of another size than the first is refused, naming both")
    func refusesMixedSizes() throws {
        let folder = try ImageFolder(path: ImageFixtures.path("sizes"))
        let error = DatasetError.imageSizeMismatch(
            path: ImageFixtures.path("sizes/a/1.png"), height: 12, width: 10,
            firstPath: ImageFixtures.path("sizes/a/0.png"),
            firstHeight: 8, firstWidth: 8)
        #expect(throws: error) { try folder.read() }
        #expect(
            error.description
                == "\(ImageFixtures.path("sizes/a/1.png")): the image is 12×10 (height × width) but "
                + "\(ImageFixtures.path("sizes/a/0.png")), the first, is 8×8; give size: [H, W] to resize every image")
    }
}
