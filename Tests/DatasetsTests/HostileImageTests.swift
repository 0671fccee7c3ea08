import Foundation
import Testing

@testable import Datasets

/// How every message about an unreadable image ends.
private let resaveImage = "save it again as PNG or JPEG, or remove it from the folder"

@Suite("Reading hostile image files and folders")
struct HostileImageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let error: DatasetError
        let message: String
        var testDescription: String { file }
    }

    static func hostile(_ name: String) -> String { ImageFixtures.path("hostile/" + name) }

    static let cases: [Case] = [
        Case(
            file: "truncated.png",
            error: .imageDecodingFailed(
                path: hostile("truncated.png"), format: .png, reason: "the file ends early (truncated)"),
            message: "unreadable PNG image (the file ends early (truncated)); \(resaveImage)"),
        Case(
            file: "truncated.jpg",
            error: .imageDecodingFailed(
                path: hostile("truncated.jpg"), format: .jpeg, reason: "Premature end of JPEG file"),
            message: "unreadable JPEG image (Premature end of JPEG file); \(resaveImage)"),
        Case(
            file: "empty.png", error: .notAnImage(path: hostile("empty.png"), bytes: 0),
            message: "the file is empty (0 bytes), not an image; \(resaveImage)"),
        Case(
            file: "text.png", error: .notAnImage(path: hostile("text.png"), bytes: 22),
            message: "not a PNG or JPEG file (its 22 bytes start with neither signature); \(resaveImage)"),
        Case(
            file: "huge.png",
            error: .imageTooLarge(
                path: hostile("huge.png"), width: 100_000, height: 100_000, maximumPixels: 178_956_970),
            message: "the header claims 100000×100000 pixels, more than the 178956970 nb decodes for one image "
                + "(Pillow's limit); \(resaveImage)"),
        Case(
            file: "cmyk.jpg", error: .unsupportedJPEGColor(path: hostile("cmyk.jpg"), components: 4),
            message: "a JPEG of 4 colour components (CMYK or another space), which nb does not read; "
                + "save it as RGB or grey"),
    ]

    @Test("Each hostile image is one error naming the file and what is wrong, in a folder too", arguments: cases)
    func refusesHostileImages(_ test: Case) throws {
        let path = Self.hostile(test.file)
        #expect(test.error.description == "\(path): \(test.message)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: test.error) { try ImageDecoder.planes(bytes, path: path, channels: 3) }

        // As the first image of a folder it fails at check time, unless its header is whole (then
        // decoding finds what is wrong).
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let copy = try folder.write(bytes, to: "class/" + test.file)
        let listed = try ImageFolder(path: folder.path)
        let atCopy = try Self.error(test.error, movedTo: copy)
        if case .imageDecodingFailed(_, .png, _) = test.error {
            #expect(try listed.elementShape() == ImageShape(channels: 3, height: 8, width: 8))
        } else {
            #expect(throws: atCopy) { try listed.elementShape() }
        }
        #expect(throws: atCopy) { try listed.read() }
    }

    /// `error` about the same file at `path`.
    static func error(_ error: DatasetError, movedTo path: String) throws -> DatasetError {
        switch error {
        case .imageDecodingFailed(_, let format, let reason):
            .imageDecodingFailed(path: path, format: format, reason: reason)
        case .notAnImage(_, let bytes): .notAnImage(path: path, bytes: bytes)
        case .imageTooLarge(_, let width, let height, let maximumPixels):
            .imageTooLarge(path: path, width: width, height: height, maximumPixels: maximumPixels)
        case .unsupportedJPEGColor(_, let components): .unsupportedJPEGColor(path: path, components: components)
        default: throw error
        }
    }

    @Test("Folders that are not image folders are refused with what to do")
    func refusesFoldersWithoutClassesOrImages() throws {
        let missing = ImageFixtures.path("missing")
        let cases: [(String, DatasetError, String)] = [
            (
                missing, .imageFolderNotFound(path: missing),
                "\(missing): no such folder; image_folder reads a folder holding one subfolder of images per class"
            ),
            (
                ImageFixtures.path("no_classes"), .noClassFolders(path: ImageFixtures.path("no_classes")),
                "\(ImageFixtures.path("no_classes")): no class folders; put each class's images in a subfolder "
                    + "named for the class (\(ImageFixtures.path("no_classes"))/cat/1.png, "
                    + "\(ImageFixtures.path("no_classes"))/dog/1.png)"
            ),
            (
                ImageFixtures.path("empty_class"),
                .classWithoutImages(path: ImageFixtures.path("empty_class/b"), className: "b"),
                "\(ImageFixtures.path("empty_class/b")): class 'b' has no .png, .jpg or .jpeg images; add its images "
                    + "or remove the folder"
            ),
        ]
        for (path, error, message) in cases {
            #expect(throws: error) { try ImageFolder(path: path) }
            #expect(error.description == message)
        }
    }

    @Test("More than 256 class folders are refused: labels are bytes")
    func refusesTooManyClasses() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        for index in 0..<257 {
            try FileManager.default.createDirectory(
                atPath: folder.path + "/c\(index)", withIntermediateDirectories: false)
        }
        let error = DatasetError.tooManyClasses(path: folder.path, count: 257, limit: 256)
        #expect(throws: error) { try ImageFolder(path: folder.path) }
        #expect(
            error.description
                == "\(folder.path): 257 class folders, more than the 256 classes nb labels; check that this is the "
                + "folder of classes and not a folder of many folders")
    }

    @Test("The decoded total is checked against the memory budget before any image is decoded")
    func refusesATotalOverTheBudget() throws {
        let folder = try ImageFolder(path: ImageFixtures.path("colour"))
        // 6 images of 3×8×8 = 1152 bytes; the first file (a 8×8 PNG) fits 1000 bytes.
        let error = DatasetError.imagesOverBudget(
            path: folder.path, count: 6, shape: [3, 8, 8], expectedBytes: 1152, budgetBytes: 1000)
        #expect(throws: error) { try folder.read(memoryBudget: 1000) }
        #expect(
            error.description
                == "\(folder.path): 6 images of 3 × 8 × 8 need 1152 bytes, more than the 1000 bytes nb holds in "
                + "memory (half this machine's memory); give a smaller size: [H, W]")
        let huge = DatasetError.imagesOverBudget(
            path: folder.path, count: 6, shape: [3, 100_000, 100_000], expectedBytes: 180_000_000_000,
            budgetBytes: 1 << 30)
        #expect(throws: huge) {
            try folder.read(size: ImageSize(height: 100_000, width: 100_000), memoryBudget: 1 << 30)
        }
    }

    @Test("A size below one pixel is refused at check time")
    func refusesAnEmptySize() throws {
        let folder = try ImageFolder(path: ImageFixtures.path("grey"))
        let error = DatasetError.invalidImageSize(height: 0, width: 4)
        #expect(throws: error) { try folder.elementShape(size: ImageSize(height: 0, width: 4)) }
        #expect(error.description == "size: [0, 4] is not an image size: give a height and width of at least 1")
    }
}
