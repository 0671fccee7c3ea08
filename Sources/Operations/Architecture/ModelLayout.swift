import Foundation

/// A model laid over one input shape: every layer's row, from which its summary, its size and
/// its memory are read, all without building it.
struct ModelLayout: Equatable {
    /// The architecture written out layer by layer (`vae` or `classifier`).
    var architecture: ModelSpec.Architecture
    /// One item's shape, (C, H, W).
    var input: [Int]
    /// Every layer, named as the checkpoint names it: `encoder.*`, `fc_mu`, `fc_logvar`,
    /// `decoder.*` for a VAE, `net.*` for a classifier.
    var rows: [LayerRow]

    /// Learnable scalars.
    var parameters: Int { rows.reduce(0) { $0 + $1.shape.parameters } }
    /// Multiply-adds per image of a forward pass.
    var multiplyAdds: Int { rows.reduce(0) { $0 + $1.shape.multiplyAdds } }
    /// The values every layer outputs for one image, the input included.
    var valuesPerImage: Int {
        rows.reduce(input.reduce(1, *)) { $0 + $1.shape.output.reduce(1, *) }
    }

    /// Bytes training at `batch` images needs: weights, gradients and Adam's two moments, plus
    /// every layer's output, its gradient and a copy per image (an upper bound within a small factor).
    func trainingBytes(batch: Int) -> Double {
        4 * (4 * Double(parameters) + 3 * Double(batch) * Double(valuesPerImage))
    }
}

extension ModelSpec {
    /// The model laid over items of shape `input`, checking that every layer takes what it gets,
    /// that the heads get flat features, that a VAE's decoder gives back the input's shape (or
    /// its flat values) and that a classifier gives `classes` logits, when `classes` is known.
    func layout(for input: [Int], classes: Int? = nil) throws(ModelShapeError) -> ModelLayout {
        if case .cnnVAE = self.architecture, input.count != 3 || input[1] % 4 != 0 || input[2] % 4 != 0 || input[1] < 4
        {
            throw .shorthandImageSize(images: input)
        }
        let architecture = self.architecture.expanded(for: input)
        var trace = ShapeTrace()
        switch architecture {
        case .vae(let encoder, let decoder, let latent):
            let features = try Self.trace(encoder, from: input, part: .encoder, in: &trace)
            guard features.count == 1 else { throw .encoderNotFlat(output: features, shapes: trace.shapes) }
            let encoderRows = trace.rows
            let head = try? LayerSpec.linear(features: latent, bias: true).shape(for: features)
            trace.rows = []
            let output = try Self.trace(decoder, from: [latent], part: .decoder, in: &trace)
            guard output == input || output == [input.reduce(1, *)] else {
                throw .decoderOutput(output: output, images: input, shapes: trace.shapes)
            }
            let heads = head.map { [LayerRow(name: "fc_mu", shape: $0), LayerRow(name: "fc_logvar", shape: $0)] } ?? []
            return ModelLayout(architecture: architecture, input: input, rows: encoderRows + heads + trace.rows)
        case .classifier(let body):
            let output = try Self.trace(body, from: input, part: .net, in: &trace)
            if let classes, output != [classes] {
                throw .classifierOutput(output: output, classes: classes, shapes: trace.shapes)
            }
            return ModelLayout(architecture: architecture, input: input, rows: trace.rows)
        case .mlpVAE, .cnnVAE:
            preconditionFailure("expanded(for:) writes a shorthand out as a vae")
        }
    }

    private static func trace(
        _ stack: LayerSpec, from input: [Int], part: ModelShapeError.Part, in trace: inout ShapeTrace
    ) throws(ModelShapeError) -> [Int] {
        do {
            return try trace.trace(stack, from: input, prefix: part.rawValue)
        } catch {
            throw .layer(part: part, error)
        }
    }
}

extension ModelSpec {
    /// The memory nb lets one model use: half the machine's, so the rest of the system keeps working.
    static var memoryBudget: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }
}
