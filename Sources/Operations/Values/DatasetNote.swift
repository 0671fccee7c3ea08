/// What a loader did to a data set's values, said in its summary; `description`
/// (DatasetNote+Message.swift) is the one place the text is written.
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
}
