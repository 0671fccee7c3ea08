/// A layer's arguments that do not go together; `description` is the one place its text is written.
enum LayerArgumentError: Error, Equatable, CustomStringConvertible {
    /// A transposed convolution whose output padding is not smaller than its stride (PyTorch's rule).
    case outputPadding(Int, stride: Int)
    /// `seq([])`.
    case emptySequence
    /// `unflatten` to an item of `rank` axes: nb's layers take flat vectors or C×H×W images.
    case unflattenRank(Int)

    var description: String {
        switch self {
        case .outputPadding(let padding, let stride):
            "output_padding: \(padding) must be smaller than stride: \(stride); use output_padding: \(stride - 1) at most"
        case .unflattenRank(let rank):
            "unflatten needs 1 to 3 sizes (features, or C, H, W), got \(rank); write for example unflatten([64, 7, 7])"
        case .emptySequence:
            "seq([]) has no layers; give it at least one, like seq([flatten(), linear(10)])"
        }
    }
}
