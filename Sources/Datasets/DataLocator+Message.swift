extension DataLocator {
    /// How messages name where each searched place comes from.
    enum Origin {
        static let directoryGiven = "the directory given"
        static let projectData = "the project's data"
        static let executableProjectData = "the executable's project data"
        static let systemDataSet = "the system data set"
    }
}
