import Foundation

/// Everything that can go wrong while finding, reading or batching a data set.
///
/// Cases carry the paths and the numbers involved; `description` is the only place the messages
/// are written, and each says what is wrong, where, and how to fix it.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `path` does not exist.
    case fileNotFound(path: String)
    /// `path` exists but could not be read (a directory, no permission, an I/O error).
    case unreadableFile(path: String, reason: String)
    /// `path` ends in `.gz` but does not start with the gzip signature `1f 8b`.
    case notGzip(path: String)
    /// The gzip stream in `path` stops before its end: the file was cut short.
    case truncatedGzip(path: String, compressedBytes: Int)
    /// zlib rejected the compressed data in `path` (a bad checksum, an invalid block).
    case corruptGzip(path: String, reason: String)
    /// The IDX data in `path` is shorter than its own header.
    case headerTooShort(path: String, expectedBytes: Int, actualBytes: Int)
    /// The IDX magic number in `path` is not the one for this kind of file.
    case wrongMagic(path: String, expected: UInt32, actual: UInt32)
    /// The IDX header in `path` describes a different number of bytes than follow it.
    case payloadLengthMismatch(path: String, dimensions: [Int], expectedBytes: Int, actualBytes: Int)
    /// The IDX header in `path` declares dimensions whose product does not fit in 64 bits.
    case declaredSizeOverflows(path: String, dimensions: [Int])
    /// The IDX header in the gzip file `path` declares more bytes than its compressed size can inflate to.
    case declaredSizeImpossible(
        path: String, dimensions: [Int], expectedBytes: Int, compressedBytes: Int, maximumBytes: Int)
    /// The IDX header in `path` declares more bytes than nb holds in memory for one file.
    case declaredSizeOverBudget(path: String, dimensions: [Int], expectedBytes: Int, budgetBytes: Int)
    /// More data follows the bytes the IDX header in `path` declares; reading stopped there.
    case payloadTooLong(path: String, dimensions: [Int], expectedBytes: Int)
    /// The images file and the labels file of one split hold different numbers of items.
    case itemCountMismatch(imagesPath: String, imageCount: Int, labelsPath: String, labelCount: Int)
    /// A label is not a class index of the data set.
    case labelOutOfRange(path: String, index: Int, label: UInt8, classCount: Int)
    /// The images file holds no images: nothing to train on or to measure.
    case noImages(path: String)
    /// The images file's images have no pixels (a height or width of 0).
    case emptyImages(path: String, height: Int, width: Int)
    /// A `limit` below one was asked for.
    case invalidLimit(Int)
    /// An environment variable names a data root that is not a folder.
    case dataRootNotFound(variable: String, path: String)
    /// `data:` or `NB_DATA` (the place's origin) names a folder one level off: the split's files
    /// are in `holding` instead.
    case dataFolderLevel(dataset: DatasetName, split: Split, given: DataLocator.Place, holding: String)
    /// The files of a split are in none of the places searched.
    case dataNotFound(dataset: DatasetName, split: Split, files: [String], searched: [DataLocator.Place])

    /// The file at `path` does not start with NumPy's `\x93NUMPY` magic.
    case notNPY(path: String)
    /// The `.npy` file at `path` has a format version other than 1.0, 2.0 or 3.0.
    case unsupportedNPYVersion(path: String, major: UInt8, minor: UInt8)
    /// The `.npy` data at `path` is shorter than its own header says.
    case npyHeaderTruncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The `.npy` header at `path` is longer than NumPy's own reading limit.
    case npyHeaderTooLong(path: String, bytes: Int, limitBytes: Int)
    /// The `.npy` header at `path` is not the dictionary NumPy writes.
    case malformedNPYHeader(path: String, header: String)
    /// The `.npy` array at `path` has a dtype nb does not read.
    case unsupportedDType(path: String, descr: String)
    /// The `.npy` array at `path` is stored in Fortran (column-major) order.
    case fortranOrder(path: String, shape: [Int])
    /// The `.npy` shape at `path` has a byte size over 2^63.
    case arraySizeOverflows(path: String, shape: [Int])
    /// The `.npy` header at `path` describes a different number of bytes than follow it.
    case arrayPayloadMismatch(path: String, shape: [Int], descr: String, expectedBytes: Int, actualBytes: Int)
    /// The `.npy` array at `path` needs more bytes than nb holds in memory for one file.
    case arrayOverBudget(path: String, shape: [Int], expectedBytes: Int, budgetBytes: Int)
    /// Labels were asked of a `.npy` array at `path` whose dtype is not an integer.
    case labelsNotIntegers(path: String, descr: String)
    /// `path` has no zip end-of-central-directory record: not a `.npz`/zip archive.
    case notZip(path: String)
    /// A zip structure of `path` at `offset` is cut short or points outside the file.
    case malformedZip(path: String, offset: Int)
    /// The archive `path` has no member `member`; `available` are the ones it has.
    case memberNotFound(path: String, member: String, available: [String])
    /// The zip member is neither stored (0) nor deflated (8), or is encrypted.
    case unsupportedZipMethod(path: String, member: String, method: Int)
    /// The zip member declares more bytes than nb holds in memory for one file.
    case zipMemberOverBudget(path: String, member: String, declaredBytes: Int, budgetBytes: Int)
    /// The zip member declares more bytes than its compressed size can inflate to.
    case zipMemberImpossible(path: String, member: String, declaredBytes: Int, compressedBytes: Int)
    /// The zip member inflates to a different size than it declares (reading stopped there).
    case zipMemberSizeMismatch(path: String, member: String, declaredBytes: Int, longer: Bool)
    /// The zip member's deflate data is corrupt or cut short.
    case corruptZipMember(path: String, member: String, reason: String)
    /// A CIFAR-10 batch's size is not a whole number of 3,073-byte records (or is zero).
    case cifarSizeNotRecords(path: String, bytes: Int)
    /// A CIFAR-10 record's label byte is not a class index (0–9).
    case cifarLabelOutOfRange(path: String, record: Int, label: UInt8)
    /// A class-names file holds a different number of names than the data set has classes.
    case classNameCount(path: String, expected: Int, actual: Int)
    /// The image folder `path` does not exist or is not a folder.
    case imageFolderNotFound(path: String)
    /// The image folder `path` has no subfolder, so no class.
    case noClassFolders(path: String)
    /// The class folder `path` holds no `.png`, `.jpg` or `.jpeg` file.
    case classWithoutImages(path: String, className: String)
    /// The image folder `path` has more class folders than a byte label can number.
    case tooManyClasses(path: String, count: Int, limit: Int)
    /// The file at `path` (of `bytes` bytes) starts as neither a PNG nor a JPEG.
    case notAnImage(path: String, bytes: Int)
    /// libpng or libjpeg refused the image at `path`, with its reason.
    case imageDecodingFailed(path: String, format: ImageFormat, reason: String)
    /// The JPEG at `path` is CMYK or another colour space with `components` components.
    case unsupportedJPEGColor(path: String, components: Int)
    /// The image header at `path` claims more pixels than nb decodes for one image.
    case imageTooLarge(path: String, width: Int, height: Int, maximumPixels: Int)
    /// The image file at `path` is larger than nb holds in memory.
    case imageFileOverBudget(path: String, bytes: Int, budgetBytes: Int)
    /// The image at `path` has another size than the folder's first image, and no `size` was given.
    case imageSizeMismatch(path: String, height: Int, width: Int, firstPath: String, firstHeight: Int, firstWidth: Int)
    /// The decoded images of the folder `path` need more bytes than nb holds in memory.
    case imagesOverBudget(path: String, count: Int, shape: [Int], expectedBytes: Int, budgetBytes: Int)
    /// A resize to a size below one pixel was asked for.
    case invalidImageSize(height: Int, width: Int)

    /// The message: what is wrong, where, and how to fix it.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file; check the path, or run Scripts/setup to install the data sets"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot be read (\(reason)); check that it is a readable file"
        case .notGzip(let path):
            return "\(path): not a gzip file (it does not start with the bytes 1f 8b); \(Self.recopyHint)"
        case .truncatedGzip(let path, let compressedBytes):
            return "\(path): truncated: the gzip stream ends early, after all \(compressedBytes) bytes of the file; "
                + Self.recopyHint
        case .corruptGzip(let path, let reason):
            return "\(path): corrupt gzip data (zlib: \(reason)); \(Self.recopyHint)"
        case .headerTooShort(let path, let expectedBytes, let actualBytes):
            return "\(path): too short for an IDX header: it needs \(expectedBytes) bytes but the data has "
                + "\(actualBytes); \(Self.recopyHint)"
        case .wrongMagic(let path, let expected, let actual):
            return "\(path): IDX magic number is \(Self.hex(actual)), expected \(Self.hex(expected)) "
                + "(0x00000803 for an images file, 0x00000801 for a labels file, both of unsigned bytes); "
                + "check that this is the right file, or \(Self.recopyHint)"
        case .payloadLengthMismatch(let path, let dimensions, let expectedBytes, let actualBytes):
            let problem =
                actualBytes < expectedBytes
                ? "the file is truncated" : "\(actualBytes - expectedBytes) unexpected bytes follow"
            return
                "\(path): the IDX header describes \(Self.shape(dimensions)) = \(expectedBytes) bytes of data but \(actualBytes) "
                + "follow, so \(problem); \(Self.recopyHint)"
        case .declaredSizeOverflows(let path, let dimensions):
            return "\(path): the IDX header describes \(Self.shape(dimensions)) bytes of data, a product over 2^63, "
                + "so the header is corrupt; \(Self.recopyHint)"
        case .declaredSizeImpossible(let path, let dimensions, let expectedBytes, let compressedBytes, let maximumBytes):
            return "\(path): the IDX header describes \(Self.shape(dimensions)) = \(expectedBytes) bytes of data, "
                + "but \(compressedBytes) bytes of gzip data inflate to at most \(maximumBytes), so the file is "
                + "truncated or the header corrupt; \(Self.recopyHint)"
        case .declaredSizeOverBudget(let path, let dimensions, let expectedBytes, let budgetBytes):
            return "\(path): the IDX header describes \(Self.shape(dimensions)) = \(expectedBytes) bytes of data, "
                + "more than the \(budgetBytes) bytes nb holds in memory for one file (half this machine's memory); "
                + "check that this is the right file, or \(Self.recopyHint)"
        case .payloadTooLong(let path, let dimensions, let expectedBytes):
            return "\(path): the IDX header describes \(Self.shape(dimensions)) = \(expectedBytes) bytes of data "
                + "but more follow (nb stopped reading there), so unexpected bytes follow; \(Self.recopyHint)"
        case .itemCountMismatch(let imagesPath, let imageCount, let labelsPath, let labelCount):
            return "\(imagesPath) holds \(imageCount) images but \(labelsPath) holds \(labelCount) labels; "
                + "the two files must come from the same split: \(Self.recopyHint)"
        case .labelOutOfRange(let path, let index, let label, let classCount):
            return "\(path): label \(label) at item \(index) is not a class (0..<\(classCount)); \(Self.recopyHint)"
        case .noImages(let path):
            return "\(path): the file holds 0 images; a data set needs at least one: \(Self.recopyHint)"
        case .emptyImages(let path, let height, let width):
            return "\(path): the images are \(height)×\(width) pixels, so they hold no pixels; \(Self.recopyHint)"
        case .invalidLimit(let limit):
            return "limit \(limit) is not allowed: give at least 1, or no limit to load every item"
        case .dataRootNotFound(let variable, let path):
            return "\(variable) is set to '\(path)', which is not a folder; "
                + "point \(variable) at a folder holding mnist/ or fashion-mnist/, or unset it to use the project's Data/"
        case .dataFolderLevel(let dataset, let split, let given, let holding) where given.origin == "NB_DATA":
            return "NB_DATA is set to '\(given.path)', which holds \(split.imagesFile) itself rather than in "
                + "\(dataset.folder)/; NB_DATA names the folder holding \(dataset.folder)/ (while data: names the "
                + "folder of the files), so set NB_DATA to '\(Self.parent(of: holding))' or give data: \"\(holding)\""
        case .dataFolderLevel(let dataset, _, let given, let holding):
            return "data: \"\(given.path)\" is not the folder of the files but holds \(dataset.folder)/, which is; "
                + "data: names the folder of the files themselves (while NB_DATA names the folder holding "
                + "\(dataset.folder)/), so give data: \"\(holding)\""
        case .notNPY(let path):
            return "\(path): not a NumPy .npy file (it does not start with \\x93NUMPY); \(Self.resaveHint)"
        case .unsupportedNPYVersion(let path, let major, let minor):
            return "\(path): .npy format version \(major).\(minor) is not one nb reads (1.0, 2.0, 3.0); "
                + Self.resaveHint
        case .npyHeaderTruncated(let path, let expectedBytes, let actualBytes):
            return "\(path): too short for its .npy header: it needs \(expectedBytes) bytes but the data has "
                + "\(actualBytes); \(Self.resaveHint)"
        case .npyHeaderTooLong(let path, let bytes, let limitBytes):
            return "\(path): the .npy header is \(bytes) bytes, more than the \(limitBytes) NumPy itself reads; "
                + Self.resaveHint
        case .malformedNPYHeader(let path, let header):
            return "\(path): the .npy header \(header) is not a dictionary of 'descr', 'fortran_order' and "
                + "'shape' as NumPy writes it; \(Self.resaveHint)"
        case .unsupportedDType(let path, let descr):
            return "\(path): dtype '\(descr)' is not one nb reads (little-endian uint8 '|u1', float32 '<f4', "
                + "float64 '<f8', int64 '<i8'); convert it with `a.astype('<f4')` before saving"
        case .fortranOrder(let path, let shape):
            return "\(path): the \(Self.shape(shape)) array is stored in Fortran order; nb reads C order: "
                + "save `np.ascontiguousarray(a)` instead"
        case .arraySizeOverflows(let path, let shape):
            return "\(path): the .npy header describes a \(Self.shape(shape)) array, over 2^63 bytes, so the "
                + "header is corrupt; \(Self.resaveHint)"
        case .arrayPayloadMismatch(let path, let shape, let descr, let expectedBytes, let actualBytes):
            let problem = actualBytes < expectedBytes ? "the file is truncated" : "unexpected bytes follow"
            return "\(path): the .npy header describes a \(Self.shape(shape)) array of '\(descr)' = "
                + "\(expectedBytes) bytes but \(actualBytes) follow, so \(problem); \(Self.resaveHint)"
        case .arrayOverBudget(let path, let shape, let expectedBytes, let budgetBytes):
            return "\(path): the \(Self.shape(shape)) array needs \(expectedBytes) bytes, more than the "
                + "\(budgetBytes) bytes nb holds in memory for one file (half this machine's memory); "
                + "use a smaller array"
        case .labelsNotIntegers(let path, let descr):
            return "\(path): labels must be integers ('|u1' or '<i8') but the array's dtype is '\(descr)'; "
                + "save them with `y.astype('int64')`"
        case .notZip(let path):
            return "\(path): not a .npz (zip) archive: it has no end-of-central-directory record; "
                + Self.resaveHint
        case .malformedZip(let path, let offset):
            return "\(path): the zip structure at byte \(offset) is cut short or points outside the file; "
                + Self.resaveHint
        case .memberNotFound(let path, let member, let available):
            let names = available.isEmpty ? "no arrays" : available.joined(separator: ", ")
            return "\(path): no array '\(member)' in the archive (it holds \(names)); use one of those names"
        case .unsupportedZipMethod(let path, let member, let method):
            return "\(path): member \(member) uses zip method \(method) or is encrypted; nb reads stored and "
                + "deflated members (np.savez, np.savez_compressed)"
        case .zipMemberOverBudget(let path, let member, let declaredBytes, let budgetBytes):
            return "\(path): member \(member) declares \(declaredBytes) bytes, more than the \(budgetBytes) bytes "
                + "nb holds in memory for one file (half this machine's memory); use a smaller array"
        case .zipMemberImpossible(let path, let member, let declaredBytes, let compressedBytes):
            return "\(path): member \(member) declares \(declaredBytes) bytes, but \(compressedBytes) bytes of "
                + "deflate data inflate to at most \(compressedBytes * IDXReader.maximumDeflateRatio), so the "
                + "archive is corrupt; \(Self.resaveHint)"
        case .zipMemberSizeMismatch(let path, let member, let declaredBytes, let longer):
            let problem = longer ? "more (nb stopped reading there)" : "fewer"
            return "\(path): member \(member) declares \(declaredBytes) bytes but inflates to \(problem); "
                + Self.resaveHint
        case .corruptZipMember(let path, let member, let reason):
            return "\(path): member \(member) holds corrupt deflate data (zlib: \(reason)); \(Self.resaveHint)"
        case .cifarSizeNotRecords(let path, let bytes):
            return "\(path): \(bytes) bytes is not a whole, non-zero number of CIFAR-10 records of 3073 bytes "
                + "(1 label byte, then 3 × 32 × 32 pixel bytes); re-copy it from the CIFAR-10 binary version"
        case .cifarLabelOutOfRange(let path, let record, let label):
            return "\(path): record \(record) has label \(label), not a CIFAR-10 class (0..<10); "
                + "re-copy it from the CIFAR-10 binary version"
        case .classNameCount(let path, let expected, let actual):
            return "\(path): \(actual) class names, one a line, but the data set has \(expected) classes; "
                + "re-copy it from the CIFAR-10 binary version"
        case .imageFolderNotFound(let path):
            return "\(path): no such folder; image_folder reads a folder holding one subfolder of images per class"
        case .noClassFolders(let path):
            return "\(path): no class folders; put each class's images in a subfolder named for the class "
                + "(\(path)/cat/1.png, \(path)/dog/1.png)"
        case .classWithoutImages(let path, let className):
            return
                "\(path): class '\(className)' has no .png, .jpg or .jpeg images; add its images or remove the folder"
        case .tooManyClasses(let path, let count, let limit):
            return "\(path): \(count) class folders, more than the \(limit) classes nb labels; "
                + "check that this is the folder of classes and not a folder of many folders"
        case .notAnImage(let path, 0):
            return "\(path): the file is empty (0 bytes), not an image; \(Self.imageHint)"
        case .notAnImage(let path, let bytes):
            return "\(path): not a PNG or JPEG file (its \(bytes) bytes start with neither signature); "
                + Self.imageHint
        case .imageDecodingFailed(let path, let format, let reason):
            return "\(path): unreadable \(format.rawValue) image (\(reason)); \(Self.imageHint)"
        case .unsupportedJPEGColor(let path, let components):
            return "\(path): a JPEG of \(components) colour components (CMYK or another space), which nb does not "
                + "read; save it as RGB or grey"
        case .imageTooLarge(let path, let width, let height, let maximumPixels):
            return "\(path): the header claims \(width)×\(height) pixels, more than the \(maximumPixels) nb decodes "
                + "for one image (Pillow's limit); \(Self.imageHint)"
        case .imageFileOverBudget(let path, let bytes, let budgetBytes):
            return "\(path): the file is \(bytes) bytes, more than the \(budgetBytes) bytes nb holds in memory; "
                + "use a smaller image"
        case .imageSizeMismatch(let path, let height, let width, let firstPath, let firstHeight, let firstWidth):
            return "\(path): the image is \(height)×\(width) (height × width) but \(firstPath), the first, is "
                + "\(firstHeight)×\(firstWidth); give size: [H, W] to resize every image"
        case .imagesOverBudget(let path, let count, let shape, let expectedBytes, let budgetBytes):
            return "\(path): \(count) images of \(Self.shape(shape)) need \(expectedBytes) bytes, more than the "
                + "\(budgetBytes) bytes nb holds in memory (half this machine's memory); give a smaller size: [H, W]"
        case .invalidImageSize(let height, let width):
            return "size: [\(height), \(width)] is not an image size: give a height and width of at least 1"
        case .dataNotFound(let dataset, let split, let files, let searched):
            let places = searched.map { "  \($0.path) (\($0.origin))" }.joined(separator: "\n")
            let looked = searched.isEmpty ? "nowhere (no place to look)" : "in:\n\(places)"
            return "\(dataset.title) \(split.rawValue) split not found: looked for "
                + "\(files.joined(separator: " and ")) \(looked)\n\(dataset.installHint)"
        }
    }

    /// How to replace a damaged data file, shared by every per-file message.
    private static let recopyHint =
        "re-copy it from its source (MNIST ships with nb in Data/mnist; Fashion-MNIST comes from "
        + "`sudo apt-get install --reinstall dataset-fashion-mnist`)"

    /// How to replace an image that cannot be read.
    private static let imageHint = "save it again as PNG or JPEG, or remove it from the folder"

    /// How to replace a damaged file the user saved with NumPy.
    private static let resaveHint = "save it again with np.save or np.savez"

    /// The folder holding `path`.
    private static func parent(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "/" : parent
    }

    /// The dimensions as a product: `60000 × 28 × 28`.
    private static func shape(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: " × ")
    }

    /// `value` as eight hexadecimal digits: `0x00000803`.
    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// Something about a data set the user should know that does not stop the statement; the one
/// place its text is written, for the run's warning and the data set's summary alike.
public enum DatasetWarning: Equatable, Sendable, CustomStringConvertible {
    /// `limit` asked for more images than the split `name` holds, so all `count` are used.
    case limitAboveCount(name: String, limit: Int, count: Int)

    /// The message.
    public var description: String {
        switch self {
        case .limitAboveCount(let name, let limit, let count):
            "limit: \(limit) asks for more images than \(name) holds, so it has all \(count.formatted()); "
                + "lower the limit to \(count) or less to say what is used"
        }
    }
}

extension DatasetName {
    /// How to get the files when they are missing.
    var installHint: String {
        switch self {
        case .mnist:
            "MNIST ships with nb in Data/mnist: restore it with `git checkout -- Data/mnist` in the project, "
                + "or set NB_DATA to a folder holding mnist/."
        case .fashionMNIST:
            "Install Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist` (or run Scripts/setup), "
                + "or set NB_DATA to a folder holding fashion-mnist/."
        }
    }
}

extension DatasetError {
    /// The `corruptGzip` reason when zlib cannot allocate its stream.
    static let zlibCouldNotStart = "zlib could not start (out of memory?)"
    /// The `corruptGzip` reason when zlib cannot go on to a file's next gzip member.
    static let cannotRestartMember = "cannot restart after a gzip member"
}
