#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The shape of one image of a data set, channels first: `[channels, height, width]` as
/// convolutions take it.
public struct ImageShape: Sendable, Equatable, CustomStringConvertible {
    /// 1 for grey, 3 for colour.
    public let channels: Int
    /// The number of rows.
    public let height: Int
    /// The number of columns.
    public let width: Int

    /// Creates a shape from its extents.
    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// `[channels, height, width]`.
    public var dimensions: [Int] { [channels, height, width] }

    /// The bytes of one image, or nil if the product overflows.
    public var byteCount: Int? {
        let (area, first) = height.multipliedReportingOverflow(by: width)
        let (bytes, second) = area.multipliedReportingOverflow(by: channels)
        return first || second ? nil : bytes
    }

    /// `3×32×32`.
    public var description: String { dimensions.map(String.init).joined(separator: "×") }
}

/// A folder of images, one subfolder per class, listed as torchvision's `ImageFolder` lists it:
/// `root/<class>/<file>`, classes are the subfolders sorted by name, and each class's files are
/// found in its folder and the folders below it, sorted by folder, then by name.
///
/// Only `.png`, `.jpg` and `.jpeg` files are images (in any case); other files and hidden names
/// (starting with `.`) are skipped. Symlinked class folders are entered; symlinked folders inside
/// a class are not (a link back up would never end).
public struct ImageFolder: Sendable {
    /// The folder, as given.
    public let path: String
    /// The class names, sorted: label `i` is `classNames[i]`.
    public let classNames: [String]
    /// Every image's path, class by class.
    public let files: [String]
    /// Every image's class index, one per file.
    public let labels: [UInt8]

    /// The most classes a folder may have: labels are bytes.
    public static let maximumClassCount = 256
    /// The file extensions of images, lowercase.
    public static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    /// Lists the image folder at `path`, checking that it has classes and each class images.
    public init(path: String) throws {
        guard let root = DirectoryListing(path: path, followsLinks: true) else {
            throw DatasetError.imageFolderNotFound(path: path)
        }
        let classNames = root.entries.filter(\.isDirectory).map(\.name).sorted(by: Self.pythonOrder)
        guard !classNames.isEmpty else { throw DatasetError.noClassFolders(path: path) }
        guard classNames.count <= Self.maximumClassCount else {
            throw DatasetError.tooManyClasses(path: path, count: classNames.count, limit: Self.maximumClassCount)
        }
        var files: [String] = []
        var labels: [UInt8] = []
        for (label, name) in classNames.enumerated() {
            let classPath = path + "/" + name
            let images = Self.images(in: classPath)
            guard !images.isEmpty else { throw DatasetError.classWithoutImages(path: classPath, className: name) }
            files += images
            labels += repeatElement(UInt8(label), count: images.count)
        }
        self.path = path
        self.classNames = classNames
        self.files = files
        self.labels = labels
    }

    /// The header of the first image: its format, size and channels, decoding no pixel. It is
    /// refused when the image has more than `maximumPixels`.
    public func firstHeader(
        memoryBudget: Int = IDXReader.defaultMemoryBudget, maximumPixels: Int = ImageDecoder.maximumPixels
    ) throws -> ImageHeader {
        let header = try ImageDecoder.header(
            try Self.contents(of: files[0], memoryBudget: memoryBudget), path: files[0])
        try ImageDecoder.check(header, path: files[0], maximumPixels: maximumPixels)
        return header
    }

    /// The element shape of the data set, from the listing and the first image's header alone:
    /// what checking a notebook needs. Its channels are the first image's; its size is `size`
    /// when given, else the first image's (every other image must then have it).
    public func elementShape(size: ImageSize? = nil) throws -> ImageShape {
        try size?.validate()
        let header = try firstHeader()
        return ImageShape(
            channels: header.channels, height: size?.height ?? header.height, width: size?.width ?? header.width)
    }

    /// The images below the class folder at `folder`, in torchvision's order: by folder path,
    /// then by name.
    private static func images(in folder: String) -> [String] {
        var groups: [(folder: String, names: [String])] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let listing = DirectoryListing(path: current, followsLinks: false) else { continue }
            var names: [String] = []
            for entry in listing.entries {
                if entry.isDirectory {
                    pending.append(current + "/" + entry.name)
                } else if entry.isFile, isImageName(entry.name) {
                    names.append(entry.name)
                }
            }
            if !names.isEmpty { groups.append((current, names.sorted(by: pythonOrder))) }
        }
        groups.sort { pythonOrder($0.folder, $1.folder) }
        return groups.flatMap { group in group.names.map { group.folder + "/" + $0 } }
    }

    /// Whether `name` ends in an image extension, in any case.
    private static func isImageName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// Python's string order (by code point, which is UTF-8's byte order), which torchvision sorts by.
    ///
    /// Compared with `memcmp`: `utf8.lexicographicallyPrecedes` took a third of listing 10,000 files.
    static func pythonOrder(_ left: String, _ right: String) -> Bool {
        let compared = left.utf8.withContiguousStorageIfAvailable { a in
            right.utf8.withContiguousStorageIfAvailable { b in
                let common = min(a.count, b.count)
                guard common > 0, let first = a.baseAddress, let second = b.baseAddress else {
                    return a.count < b.count
                }
                let order = memcmp(first, second, common)
                return order == 0 ? a.count < b.count : order < 0
            }
        }
        if let compared, let compared { return compared }
        return left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// The whole file at `path`, refused when larger than `memoryBudget`.
    static func contents(of path: String, memoryBudget: Int) throws -> [UInt8] {
        let file = try NPYReader.open(path)
        guard file.size <= memoryBudget else {
            throw DatasetError.imageFileOverBudget(path: path, bytes: file.size, budgetBytes: memoryBudget)
        }
        return try NPYReader.readBytes(file, count: file.size)
    }
}

/// The size every image of a folder is resized to: `size: [H, W]`.
public struct ImageSize: Sendable, Equatable {
    /// The number of rows.
    public let height: Int
    /// The number of columns.
    public let width: Int

    /// Creates a size; `validate()` (called by every reader) refuses one below 1.
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// Throws unless both extents are at least 1.
    func validate() throws {
        guard height >= 1, width >= 1 else { throw DatasetError.invalidImageSize(height: height, width: width) }
    }
}
