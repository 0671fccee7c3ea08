/// Why a saved optimiser state does not fit the optimiser.
public enum AdamStateError: Error, Equatable, CustomStringConvertible {
    /// The state has another number of moments than the optimiser has parameters.
    case wrongCount(expected: Int, first: Int, second: Int)
    /// A moment's shape is not its parameter's.
    case shapeMismatch(parameter: Int, expected: [Int], actual: [Int])

    /// What is wrong.
    public var description: String {
        switch self {
        case .wrongCount(let expected, let first, let second):
            "the saved optimiser state has \(first) and \(second) moments for \(expected) parameters"
        case .shapeMismatch(let parameter, let expected, let actual):
            "the saved moment of parameter \(parameter) has shape \(actual), not \(expected)"
        }
    }
}
