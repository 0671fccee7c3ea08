import Datasets
import Testing

/// A temporary project (with `Package.swift` and `Data/mnist`), an `NB_DATA` root and an explicit
/// folder, each holding the MNIST test files (empty: the locator only looks for them).
private struct ThreePlaces {
    let folder: TemporaryDirectory
    var project: String { folder.path + "/project" }
    var dataRoot: String { folder.path + "/root" }
    var explicit: String { folder.path + "/explicit" }

    init() throws {
        folder = try TemporaryDirectory()
        try folder.write([], to: "project/Package.swift")
        for directory in ["project/Data/mnist", "root/mnist", "explicit"] {
            try folder.write([], to: directory + "/t10k-images-idx3-ubyte.gz")
            try folder.write([], to: directory + "/t10k-labels-idx1-ubyte.gz")
        }
        try folder.write([], to: "project/Sources/nb/.keep")
    }
}

@Suite("Locating data")
struct DataLocatorTests {
    @Test("An explicit directory beats NB_DATA, which beats the project's Data folder")
    func searchesInOrder() throws {
        let places = try ThreePlaces()
        defer { places.folder.remove() }
        let deep = places.project + "/Sources/nb"

        let explicit = DataLocator(
            directory: places.explicit, environment: ["NB_DATA": places.dataRoot], currentDirectory: deep,
            executablePath: nil)
        #expect(try explicit.locate(.mnist, split: .test).images == places.explicit + "/t10k-images-idx3-ubyte.gz")

        let environment = DataLocator(
            environment: ["NB_DATA": places.dataRoot], currentDirectory: deep, executablePath: nil)
        #expect(
            try environment.locate(.mnist, split: .test).labels == places.dataRoot + "/mnist/t10k-labels-idx1-ubyte.gz")

        let project = DataLocator(environment: [:], currentDirectory: deep, executablePath: nil)
        #expect(
            try project.locate(.mnist, split: .test).images == places.project + "/Data/mnist/t10k-images-idx3-ubyte.gz")
    }

    @Test("The places searched are listed in order with their origins")
    func listsPlaces() throws {
        let locator = DataLocator(
            environment: ["NB_DATA": "data"], currentDirectory: "/work/project/Sources",
            executablePath: "/opt/nb/bin/nb")
        #expect(
            locator.places(for: .fashionMNIST) == [
                DataLocator.Place(path: "/work/project/Sources/data/fashion-mnist", origin: "NB_DATA"),
                DataLocator.Place(path: "/usr/share/datasets/fashion-mnist", origin: "the system data set"),
            ])
        #expect(
            DataLocator(directory: "../mnist", currentDirectory: "/work/project").places(for: .mnist) == [
                DataLocator.Place(path: "/work/mnist", origin: "the directory given")
            ])
    }

    @Test("The project is also found from the executable's folder")
    func findsTheProjectFromTheExecutable() throws {
        let places = try ThreePlaces()
        defer { places.folder.remove() }
        let locator = DataLocator(
            environment: [:], currentDirectory: "/", executablePath: places.project + "/.build/debug/nb")
        #expect(
            locator.places(for: .mnist) == [
                DataLocator.Place(path: places.project + "/Data/mnist", origin: "the executable's project data")
            ])
    }

    @Test("Uncompressed files are found when there is no .gz")
    func findsUncompressedFiles() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write([], to: "train-images-idx3-ubyte")
        try folder.write([], to: "train-labels-idx1-ubyte.gz")
        let files = try DataLocator(directory: folder.path).locate(.mnist, split: .train)
        #expect(files.images == folder.path + "/train-images-idx3-ubyte")
        #expect(files.labels == folder.path + "/train-labels-idx1-ubyte.gz")
    }

    /// Before, a mistyped NB_DATA silently fell back to the project's Data/.
    @Test("An NB_DATA that is not a folder is an error naming the variable and the folder")
    func rejectsAMissingDataRoot() throws {
        let places = try ThreePlaces()
        defer { places.folder.remove() }
        let locator = DataLocator(
            environment: ["NB_DATA": "../no/such/dir"], currentDirectory: places.project, executablePath: nil)
        let missing = places.folder.path + "/no/such/dir"
        #expect(throws: DatasetError.dataRootNotFound(variable: "NB_DATA", path: missing)) {
            try locator.locate(.mnist, split: .test)
        }
        #expect(
            DatasetError.dataRootNotFound(variable: "NB_DATA", path: "/no/such/dir").description
                == "NB_DATA is set to '/no/such/dir', which is not a folder; point NB_DATA at a folder holding "
                + "mnist/ or fashion-mnist/, or unset it to use the project's Data/")
        let file = try places.folder.write([], to: "a-file")
        let fileRoot = DataLocator(environment: ["NB_DATA": file], currentDirectory: "/", executablePath: nil)
        #expect(throws: DatasetError.dataRootNotFound(variable: "NB_DATA", path: file)) {
            try fileRoot.locate(.mnist, split: .test)
        }
    }

    @Test("Missing data names the files, every place searched, and how to install it")
    func reportsMissingData() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let locator = DataLocator(environment: ["NB_DATA": folder.path], currentDirectory: "/", executablePath: nil)
        let error = DatasetError.dataNotFound(
            dataset: .fashionMNIST, split: .train,
            files: ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"],
            searched: [
                DataLocator.Place(path: folder.path + "/fashion-mnist", origin: "NB_DATA"),
                DataLocator.Place(path: "/usr/share/datasets/fashion-mnist", origin: "the system data set"),
            ])
        // The system folder holds the files on this machine, so only the listing is checked here.
        #expect(locator.places(for: .fashionMNIST) == error.searchedPlaces)
        #expect(
            error.description == """
                Fashion-MNIST train split not found: looked for train-images-idx3-ubyte.gz and \
                train-labels-idx1-ubyte.gz in:
                  \(folder.path)/fashion-mnist (NB_DATA)
                  /usr/share/datasets/fashion-mnist (the system data set)
                Install Fashion-MNIST with `sudo apt-get install dataset-fashion-mnist` (or run Scripts/setup), \
                or set NB_DATA to a folder holding fashion-mnist/.
                """)

        let mnist = DataLocator(environment: ["NB_DATA": folder.path], currentDirectory: "/", executablePath: nil)
        #expect(
            throws: DatasetError.dataNotFound(
                dataset: .mnist, split: .test, files: ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"],
                searched: [DataLocator.Place(path: folder.path + "/mnist", origin: "NB_DATA")])
        ) { try LabeledExamples.load(.mnist, split: .test, locator: mnist) }
    }
}

extension DatasetError {
    /// The places listed by a `dataNotFound` error.
    fileprivate var searchedPlaces: [DataLocator.Place] {
        if case .dataNotFound(_, _, _, let searched) = self { searched } else { [] }
    }
}

@Suite("Data folders one level off")
struct DataFolderLevelTests {
    @Test("data: naming the parent of mnist/ says that data: wants the folder of the files")
    func dataNamesTheParent() throws {
        let places = try ThreePlaces()
        defer { places.folder.remove() }
        let locator = DataLocator(directory: "Data", environment: [:], currentDirectory: places.project)
        let error = DatasetError.dataFolderLevel(
            dataset: .mnist, split: .test, given: DataLocator.Place(path: places.project + "/Data", origin: "data:"),
            holding: places.project + "/Data/mnist")
        #expect(throws: error) { try locator.locate(.mnist, split: .test) }
        #expect(
            error.description
                == "data: \"\(places.project)/Data\" is not the folder of the files but holds mnist/, which is; data: "
                + "names the folder of the files themselves (while NB_DATA names the folder holding mnist/), so give "
                + "data: \"\(places.project)/Data/mnist\"")
    }

    @Test("NB_DATA naming mnist/ itself says that NB_DATA wants its parent, and does not fall back to the project")
    func nbDataNamesTheFolderItself() throws {
        let places = try ThreePlaces()
        defer { places.folder.remove() }
        let locator = DataLocator(
            environment: ["NB_DATA": places.dataRoot + "/mnist"], currentDirectory: places.project, executablePath: nil)
        let root = places.dataRoot
        let error = DatasetError.dataFolderLevel(
            dataset: .mnist, split: .test, given: DataLocator.Place(path: root + "/mnist", origin: "NB_DATA"),
            holding: root + "/mnist")
        #expect(throws: error) { try locator.locate(.mnist, split: .test) }
        #expect(
            error.description
                == "NB_DATA is set to '\(root)/mnist', which holds t10k-images-idx3-ubyte itself rather than in "
                + "mnist/; NB_DATA names the folder holding mnist/ (while data: names the folder of the files), so set "
                + "NB_DATA to '\(root)' or give data: \"\(root)/mnist\"")
    }
}
