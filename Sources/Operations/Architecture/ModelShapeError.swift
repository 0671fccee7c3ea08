/// A model whose layers do not fit the data it meets; `description` is the one place its text
/// is written.
enum ModelShapeError: Error, Equatable, CustomStringConvertible {
    /// The stacks of a model, named as their checkpoint names are prefixed.
    enum Part: String, Equatable, Sendable {
        case encoder, decoder, net
    }

    /// A layer of `part` that cannot take its input.
    case layer(part: Part, ShapeError)
    /// An encoder whose output is not a flat vector, which the μ and log σ² heads need.
    case encoderNotFlat(output: [Int], shapes: [[Int]])
    /// A decoder that does not give back the images' shape.
    case decoderOutput(output: [Int], images: [Int], shapes: [[Int]])
    /// A `cnn_vae` for images whose sides are not multiples of 4, which its two stride-2
    /// convolutions and two upsamplings cannot give back.
    case shorthandImageSize(images: [Int])
    /// A classifier whose output is not one logit per class.
    case classifierOutput(output: [Int], classes: Int, shapes: [[Int]])

    var description: String {
        switch self {
        case .layer(_, let error):
            return error.description
        case .encoderNotFlat(let output, let shapes):
            return "the encoder ends with \(ShapeError.text(output)), but the μ and log σ² heads take flat vectors "
                + "(shapes: \(Self.text(shapes))); end the encoder with flatten()"
        case .decoderOutput(let output, let images, let shapes):
            return "the decoder gives \(ShapeError.text(output)), but the images are \(ShapeError.text(images)) "
                + "(shapes: \(Self.text(shapes))); make it end with \(ShapeError.text(images)) or "
                + "\(images.reduce(1, *).formatted()) values"
        case .shorthandImageSize(let images):
            return "cnn_vae halves the images twice and doubles them back, so their sides must be multiples of 4, "
                + "but they are \(ShapeError.text(images)); write the model out with vae(encoder:, decoder:) for this size"
        case .classifierOutput(let output, let classes, let shapes):
            return "the classifier gives \(ShapeError.text(output)), but the data has \(classes) classes "
                + "(shapes: \(Self.text(shapes))); end it with linear(\(classes))"
        }
    }

    /// `1×28×28 → 32×14×14`.
    private static func text(_ shapes: [[Int]]) -> String {
        shapes.map(ShapeError.text).joined(separator: " → ")
    }
}
