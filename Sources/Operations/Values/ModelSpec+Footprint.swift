import Foundation

/// How much memory a model takes, reckoned from its sizes without building it, so a notebook
/// asking for more than the machine has gets an error instead of the kernel's out-of-memory kill.
extension ModelSpec {
    /// The number of weights and biases (within a few per cent: BatchNorm's are left out).
    var estimatedParameters: Int {
        let side = imageShape.count == 3 ? imageShape[1] * imageShape[2] : 0
        switch family {
        case .mlp:
            let layers = [side] + widths
            let body = zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
            let heads = 3 * (widths.last ?? 0) * latent
            return 2 * body + heads
        case .cnn:
            let channels = [1] + widths
            let convolutions = zip(channels, channels.dropFirst()).reduce(0) { $0 + 9 * $1.0 * $1.1 + $1.1 }
            let features = (widths.last ?? 0) * side / 16
            return convolutions + 9 * (widths.first ?? 0) * ((widths.first ?? 0) + (widths.last ?? 0))
                + 3 * features * latent
        }
    }

    /// The Float32 values one image's forward and backward pass keeps (outputs of every layer,
    /// their gradients and the activation's copies): an upper bound within a small factor.
    var estimatedActivationsPerImage: Int {
        let side = imageShape.count == 3 ? imageShape[1] * imageShape[2] : 0
        let outputs: Int
        switch family {
        case .mlp:
            outputs = 2 * widths.reduce(0, +) + 2 * side + 2 * latent
        case .cnn:
            let first = (widths.first ?? 0) * side / 4
            let rest = widths.dropFirst().reduce(0, +) * side / 16
            outputs = 2 * (first + rest) + 2 * side + 2 * latent
        }
        return 3 * outputs
    }

    /// Bytes training at `batch` images needs: weights, gradients and Adam's two moments, plus
    /// every image's activations.
    func estimatedTrainingBytes(batch: Int) -> Double {
        4 * (4 * Double(estimatedParameters) + Double(batch) * Double(estimatedActivationsPerImage))
    }

    /// The memory nb lets one model use: half the machine's, so the rest of the system keeps working.
    static var memoryBudget: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }
}
