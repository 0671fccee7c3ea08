/// Why an operation that aggregates a sweep could not give its value.
enum SweepError: Error, Equatable, CustomStringConvertible {
    /// `std` of fewer than two values, which have no sample standard deviation.
    case tooFewForSpread(count: Int)
    /// `best` of values that are all one setting, so there is nothing to name.
    case noSettingsToRank
    /// A member's value is NaN or infinite, which no mean or ranking can state.
    case notFinite(operation: String, setting: String)

    /// The message shown in the report and on the terminal.
    var description: String {
        switch self {
        case .tooFewForSpread(let count):
            "std needs at least two values (a sweep over seeds, say) but got \(count); "
                + "sweep the value, e.g. seed: seeds(3)"
        case .noSettingsToRank:
            "best needs values of several settings, such as a sweep over beta; these are all one setting"
        case .notFinite(let operation, let setting):
            "\(operation) got a value that is not a finite number"
                + (setting.isEmpty ? "" : " (at \(setting))")
        }
    }
}
