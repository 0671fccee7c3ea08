extension DatasetNote {
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
