/// A cache entry that is not a fit written by this version of nb.
enum FitDecodingError: Error, CustomStringConvertible {
    case missingRecord
    case unbuildableModel

    var description: String {
        switch self {
        case .missingRecord: "the entry has no fit record; it was not written by nb's train"
        case .unbuildableModel:
            "the entry's model does not fit its images or nb's memory; it was not written by this nb"
        }
    }
}
