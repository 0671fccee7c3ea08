import Engine

extension ModelSpec {
    /// The VAE for images of shape `input` (C, H, W), with freshly initialised weights: the
    /// encoder's layers, then the μ and log σ² heads, then the decoder's, each drawing its weights
    /// in that order. A `sigmoid()` ending the decoder is left to the loss, which fuses it
    /// (`BinaryCrossEntropyWithLogits`); having no parameters, it changes no checkpoint name.
    func buildAutoencoder(input: [Int]) throws -> VariationalAutoencoder {
        let layout = try layout(for: input)
        guard case .vae(let encoder, var decoder, let latent) = layout.architecture else {
            throw ModelKindError.notAnAutoencoder(model: name)
        }
        if case .sequence(var layers) = decoder, layers.count > 1, layers.last == .activation(.sigmoid) {
            layers.removeLast()
            decoder = .sequence(layers)
        }
        var builder = LayerBuilder(seed: seed)
        let encoderStack = builder.sequential(encoder, input: input)
        let features = encoderStack.outputShape(for: Shape([1] + input))[1]
        let meanHead = Linear(features, latent, generator: &builder.weights)
        let logVarianceHead = Linear(features, latent, generator: &builder.weights)
        let decoderStack = builder.sequential(decoder, input: [latent])
        return VariationalAutoencoder(
            encoder: encoderStack, meanHead: meanHead, logVarianceHead: logVarianceHead, decoder: decoderStack,
            imageShape: input)
    }
}

extension ModelSpec {
    /// The classifier for images of shape `input` (C, H, W), with freshly initialised weights.
    func buildClassifier(input: [Int]) throws -> Classifier {
        let layout = try layout(for: input)
        guard case .classifier(let body) = layout.architecture else { throw ModelKindError.notAClassifier(model: name) }
        var builder = LayerBuilder(seed: seed)
        return Classifier(net: builder.sequential(body, input: input), imageShape: input)
    }
}
