import Foundation

/// Decides where the files of a data set are read from.
///
/// An explicit directory, when given, is the only place looked: a notebook that names a folder
/// must not silently train on other data when that folder is wrong. Otherwise the places are, in
/// order: `$NB_DATA/<folder>`, `Data/<folder>` in the project found by walking up from the current
/// directory to `Package.swift`, the same from the executable's folder, and the data set's system
/// folders. Everything the locator reads from the process comes in through `init`, so tests
/// control it.
public struct DataLocator: Sendable {
    /// A folder searched for data, with why it was searched (shown when nothing is found).
    public struct Place: Equatable, Sendable {
        /// The folder, absolute.
        public let path: String
        /// Where the folder came from: `"NB_DATA"`, `"the directory given"`, ….
        public let origin: String

        /// Creates a place.
        public init(path: String, origin: String) {
            self.path = path
            self.origin = origin
        }
    }

    /// The folder holding the files themselves (not a data root), when the user names one.
    public var directory: String?
    /// The environment variables; only `NB_DATA` is read: a data root with one folder per data set.
    public var environment: [String: String]
    /// The folder relative paths are resolved against and the project search starts from.
    public var currentDirectory: String
    /// The running executable, whose project is searched too (nil to skip).
    public var executablePath: String?

    /// Creates a locator; the defaults describe the running process.
    public init(
        directory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = Bundle.main.executablePath
    ) {
        self.directory = directory
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
    }

    /// The folders searched for `dataset`, in order, without duplicates.
    public func places(for dataset: DatasetName) -> [Place] {
        if let directory {
            return [Place(path: absolute(directory), origin: Origin.directoryGiven)]
        }
        var places: [Place] = []
        if let root = environment["NB_DATA"], !root.isEmpty {
            places.append(Place(path: absolute(root) + "/" + dataset.folder, origin: "NB_DATA"))
        }
        if let project = Self.projectRoot(above: absolute(currentDirectory)) {
            places.append(Place(path: project + "/Data/" + dataset.folder, origin: Origin.projectData))
        }
        if let executablePath, let project = Self.projectRoot(above: Self.parent(of: absolute(executablePath))) {
            places.append(Place(path: project + "/Data/" + dataset.folder, origin: Origin.executableProjectData))
        }
        for folder in dataset.systemDirectories {
            places.append(Place(path: folder, origin: Origin.systemDataSet))
        }
        var seen: Set<String> = []
        return places.filter { seen.insert($0.path).inserted }
    }

    /// The images and labels files of a split from the first place holding both, each as
    /// `name.gz` or, failing that, uncompressed `name`.
    public func locate(_ dataset: DatasetName, split: Split) throws -> (images: String, labels: String) {
        let found = try locateWithPlace(dataset, split: split)
        return (found.images, found.labels)
    }

    /// `locate`'s files with the place they were found in, for the run record.
    public func locateWithPlace(_ dataset: DatasetName, split: Split) throws -> (
        images: String, labels: String, place: Place
    ) {
        // A data root that is not there is a mistake to report, not a reason to train on other data.
        if directory == nil, let root = environment["NB_DATA"], !root.isEmpty, !Self.isDirectory(absolute(root)) {
            throw DatasetError.dataRootNotFound(variable: "NB_DATA", path: absolute(root))
        }
        try checkFolderLevel(dataset, split: split)
        let searched = places(for: dataset)
        for place in searched {
            if let images = Self.file(split.imagesFile, in: place.path),
                let labels = Self.file(split.labelsFile, in: place.path)
            {
                return (images, labels, place)
            }
        }
        throw DatasetError.dataNotFound(
            dataset: dataset, split: split, files: [split.imagesFile + ".gz", split.labelsFile + ".gz"],
            searched: searched)
    }

    /// Throws when the split's files are one folder level off from where the user pointed: `data:`
    /// names the folder holding the files itself, `NB_DATA` the folder holding `mnist/`, and each
    /// is easily given the other's level.
    private func checkFolderLevel(_ dataset: DatasetName, split: Split) throws {
        if let directory {
            let given = absolute(directory)
            let inner = given + "/" + dataset.folder
            if !Self.holds(split, in: given), Self.holds(split, in: inner) {
                throw DatasetError.dataFolderLevel(
                    dataset: dataset, split: split, given: Place(path: given, origin: "data:"), holding: inner)
            }
        } else if let root = environment["NB_DATA"], !root.isEmpty {
            let given = absolute(root)
            if !Self.holds(split, in: given + "/" + dataset.folder), Self.holds(split, in: given) {
                throw DatasetError.dataFolderLevel(
                    dataset: dataset, split: split, given: Place(path: given, origin: "NB_DATA"), holding: given)
            }
        }
    }

    /// Whether `folder` holds both files of `split`.
    private static func holds(_ split: Split, in folder: String) -> Bool {
        file(split.imagesFile, in: folder) != nil && file(split.labelsFile, in: folder) != nil
    }

    /// `name.gz` in `folder`, else `name`, if either is a file.
    private static func file(_ name: String, in folder: String) -> String? {
        [folder + "/" + name + ".gz", folder + "/" + name].first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The nearest folder at or above `start` that holds `Package.swift`.
    static func projectRoot(above start: String) -> String? {
        var folder = start
        while true {
            if FileManager.default.fileExists(atPath: folder + "/Package.swift") {
                return folder
            }
            let up = parent(of: folder)
            if up == folder {
                return nil
            }
            folder = up
        }
    }

    /// The folder holding `path`; the root is its own parent.
    private static func parent(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "/" : parent
    }

    /// `path` made absolute against `currentDirectory`, with `.` and `..` resolved.
    private func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
        return (joined as NSString).standardizingPath
    }
}
