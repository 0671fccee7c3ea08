import Datasets
import Foundation
import Runner

/// Loading a folder of images, one subfolder per class, as torchvision's `ImageFolder` does:
/// `image_folder(path: "Data/pets")`, `image_folder(path: "Data/pets", size: [64, 64])`.
enum ImageDataOperations {
    static let all = [imageFolder]

    static let imageFolder = OperationSpec(
        name: "image_folder",
        doc: "Loads the PNG and JPEG images of a folder with one subfolder per class (torchvision's ImageFolder), "
            + "all of one size or resized to size: [H, W].",
        parameters: [
            .labelled("path", .string, .nonEmpty), .labelled("size", .list(.int), .between(1, 4096), optional: true),
        ],
        result: .dataset, version: 1,
        inputFiles: { constants in
            let arguments = Arguments(constants, operation: "image_folder")
            return try ImageFolder(path: try DataLoading.path(arguments)).files.map {
                InputFile(path: $0, origin: "path:")
            }
        },
        precheck: DataLoading.precheck(at: "path") { arguments in
            let folder = try ImageFolder(path: try DataLoading.existing(arguments))
            let size: ImageSize? = try DataLoading.blaming("size") { try Self.size(arguments) }
            let shape = try folder.elementShape(size: size)
            return DatasetFact(
                imageShape: shape.dimensions, classes: folder.classNames.count, title: title(folder.path))
        }
    ) { arguments, context in
        let folder = try ImageFolder(path: try DataLoading.existing(arguments))
        let size = try size(arguments)
        let images = try folder.read(size: size)
        let examples = LabeledExamples(
            name: title(folder.path), shape: images.shape.dimensions, values: .bytes(images.bytes),
            labels: images.labels, classNames: images.classNames)
        let resized = size.map { [DatasetNote.resized(height: $0.height, width: $0.width)] } ?? []
        return DataLoading.value(
            examples, limit: nil, notes: [.bytesScaled(dtype: "uint8")] + resized, context: context)
    }

    /// The `size: [H, W]` argument, if given.
    private static func size(_ arguments: Arguments) throws -> ImageSize? {
        guard arguments["size"] != nil else { return nil }
        let sides = try arguments.ints("size")
        guard sides.count == 2 else { throw ImageSizeError.notTwoSides(sides) }
        return ImageSize(height: sides[0], width: sides[1])
    }

    /// `pets`: the folder's name.
    private static func title(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}
