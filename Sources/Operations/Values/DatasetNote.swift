/// What a loader did to a data set's values, said in its summary; `description` is the one place
/// the text is written.
public enum DatasetNote: Sendable, Equatable, CustomStringConvertible {
    /// The file stored bytes of `dtype` (uint8), which are scaled to [0, 1].
    case bytesScaled(dtype: String)
    /// The file stored `dtype` values, which are used as they are.
    case valuesAsStored(dtype: String)
    /// Every image was resized to `height`×`width`.
    case resized(height: Int, width: Int)
    /// Each feature was standardized with the training rows' mean and standard deviation.
    case standardized
    /// The rows were split, stratified by class: `testFraction` of each class to test, by `seed`.
    case split(testFraction: Double, seed: Int)

    /// The sentence, as the summary shows it.
    public var description: String {
        switch self {
        case .bytesScaled(let dtype):
            "Values are stored as \(dtype) (0 to 255) and scaled to [0, 1], as MNIST's pixels are."
        case .valuesAsStored(let dtype):
            "Values are stored as \(dtype) and used as they are, not rescaled."
        case .resized(let height, let width):
            "Every image is resized to \(height)×\(width) pixels (bilinear, as Pillow's resize)."
        case .standardized:
            "Each feature is standardized: its training rows' mean subtracted and divided by their "
                + "standard deviation."
        case .split(let testFraction, let seed):
            "Rows are split into train and test by class: \((testFraction * 100).formatted())% of each "
                + "class to test, chosen by seed \(seed)."
        }
    }
}
