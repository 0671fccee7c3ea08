/// Why a checkpoint does not fit a model.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The model has a tensor the checkpoint lacks.
    case missingTensor(path: String, name: String)
    /// The checkpoint has a tensor the model lacks.
    case unexpectedTensor(path: String, name: String)
    /// A tensor's shape differs between the model and the checkpoint.
    case shapeMismatch(path: String, name: String, expected: [Int], actual: [Int])

    /// What is wrong, where, and what to do.
    public var description: String {
        switch self {
        case .missingTensor(let path, let name):
            return "\(path): the checkpoint has no tensor '\(name)'; it was saved from a different architecture"
        case .unexpectedTensor(let path, let name):
            return "\(path): the checkpoint has a tensor '\(name)' this model does not; "
                + "it was saved from a different architecture"
        case .shapeMismatch(let path, let name, let expected, let actual):
            return "\(path): tensor '\(name)' has shape \(Shape(actual)) but the model needs \(Shape(expected)); "
                + "build the model with the sizes it was saved with"
        }
    }
}
