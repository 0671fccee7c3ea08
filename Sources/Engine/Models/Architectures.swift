/// The two model families of the VAE notebook, with the knobs the notebook exposes.
extension VariationalAutoencoder {
    /// An MLP VAE: Flatten, then for each hidden width Linear (→ BatchNorm1d) → activation; heads to
    /// `latent`; the decoder mirrors the hidden widths and ends in Linear(…, pixels).
    ///
    /// The reference is `mlp(hidden: [400, 400], latent: 20)`: 973,624 parameters.
    public static func mlp(
        imageShape: [Int] = [1, 28, 28], hidden: [Int], latent: Int, activation: ActivationKind = .relu,
        batchNorm: Bool = false, generator: inout SeededGenerator
    ) -> VariationalAutoencoder {
        let pixels = imageShape.reduce(1, *)
        var encoderLayers: [any Layer] = [Reshape.flatten(features: pixels)]
        var width = pixels
        for next in hidden {
            encoderLayers.append(Linear(width, next, generator: &generator))
            if batchNorm { encoderLayers.append(BatchNorm(features: next, spatialRank: 1)) }
            encoderLayers.append(activation.makeLayer())
            width = next
        }
        let meanHead = Linear(width, latent, generator: &generator)
        let logVarianceHead = Linear(width, latent, generator: &generator)
        var decoderLayers: [any Layer] = []
        width = latent
        for next in hidden.reversed() {
            decoderLayers.append(Linear(width, next, generator: &generator))
            if batchNorm { decoderLayers.append(BatchNorm(features: next, spatialRank: 1)) }
            decoderLayers.append(activation.makeLayer())
            width = next
        }
        decoderLayers.append(Linear(width, pixels, generator: &generator))
        return VariationalAutoencoder(
            encoder: Sequential(encoderLayers), meanHead: meanHead, logVarianceHead: logVarianceHead,
            decoder: Sequential(decoderLayers), imageShape: imageShape)
    }

    /// A convolutional VAE for 28×28 images. The encoder's first two convolutions have stride 2
    /// (28 → 14 → 7), the rest stride 1, all 3×3 with padding 1, each (→ BatchNorm2d) → activation,
    /// then Flatten. The decoder is Linear(latent, last·7·7) → activation → Unflatten, then two
    /// 3×3 stride-2 transposed convolutions (output padding 1): last → first channels → image channels.
    ///
    /// The reference is `cnn(channels: [32, 64, 64], latent: 20)`: 265,833 parameters.
    public static func cnn(
        imageShape: [Int] = [1, 28, 28], channels: [Int], latent: Int, activation: ActivationKind = .relu,
        batchNorm: Bool = false, generator: inout SeededGenerator
    ) -> VariationalAutoencoder {
        precondition(channels.count >= 2, "a CNN VAE needs at least two convolutions")
        precondition(imageShape[1] % 4 == 0 && imageShape[2] % 4 == 0, "image sides must be multiples of 4")
        var encoderLayers: [any Layer] = []
        var inputChannels = imageShape[0]
        for (index, outputChannels) in channels.enumerated() {
            let stride = index < 2 ? 2 : 1
            encoderLayers.append(
                Conv2d(inputChannels, outputChannels, kernelSize: 3, stride: stride, padding: 1, generator: &generator))
            if batchNorm { encoderLayers.append(BatchNorm(features: outputChannels, spatialRank: 2)) }
            encoderLayers.append(activation.makeLayer())
            inputChannels = outputChannels
        }
        let last = channels[channels.count - 1]
        let codeShape = [last, imageShape[1] / 4, imageShape[2] / 4]
        let features = codeShape.reduce(1, *)
        encoderLayers.append(Reshape.flatten(features: features))
        let meanHead = Linear(features, latent, generator: &generator)
        let logVarianceHead = Linear(features, latent, generator: &generator)
        var decoderLayers: [any Layer] = [Linear(latent, features, generator: &generator)]
        if batchNorm { decoderLayers.append(BatchNorm(features: features, spatialRank: 1)) }
        decoderLayers.append(activation.makeLayer())
        decoderLayers.append(Reshape.unflatten(codeShape))
        decoderLayers.append(
            ConvTranspose2d(
                last, channels[0], kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, generator: &generator))
        if batchNorm { decoderLayers.append(BatchNorm(features: channels[0], spatialRank: 2)) }
        decoderLayers.append(activation.makeLayer())
        decoderLayers.append(
            ConvTranspose2d(
                channels[0], imageShape[0], kernelSize: 3, stride: 2, padding: 1, outputPadding: 1,
                generator: &generator))
        return VariationalAutoencoder(
            encoder: Sequential(encoderLayers), meanHead: meanHead, logVarianceHead: logVarianceHead,
            decoder: Sequential(decoderLayers), imageShape: imageShape)
    }
}
