/// A model that cannot be built as asked.
enum ModelError: Error, CustomStringConvertible {
    case tooFewChannels(Int)

    var description: String {
        switch self {
        case .tooFewChannels(let count):
            return "cnn_vae needs at least two channel counts (the two stride-2 convolutions), got \(count); "
                + "write for example channels: [32, 64]"
        }
    }
}
