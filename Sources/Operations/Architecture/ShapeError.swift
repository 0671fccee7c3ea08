/// A layer that cannot take the shape it gets; `description` is the one place its text is
/// written, with the shapes so far and a way out.
struct ShapeError: Error, Equatable, CustomStringConvertible {
    /// The layer.
    var layer: LayerSpec
    /// What is wrong.
    var problem: LayerShapeProblem
    /// The shape it gets, one item.
    var input: [Int]
    /// The stack's input, then each layer's output shape up to this layer.
    var shapesSoFar: [[Int]]
    /// The layer's index path in its stack (`[2]`, or `[1, 0]` inside a nested `seq`).
    var path: [Int]

    var description: String {
        let got = "\(layer.notebookText) gets \(Self.text(input)) here"
        let so = " (shapes so far: \(shapesSoFar.map(Self.text).joined(separator: " → ")))"
        switch problem {
        case .needsImages:
            return got + ", but it takes C×H×W images" + so + "; put it before flatten(), or unflatten to C×H×W first"
        case .needsFlatInput:
            return got + ", but it takes flat vectors" + so + "; put flatten() before it"
        case .smallerThanWindow(let kernel, let padding):
            let window = "its \(kernel)×\(kernel) \(layer.isPooling ? "window" : "kernel")"
            let advice =
                layer.isPooling
                ? "use a smaller window or one downsampling layer fewer"
                : padding < kernel / 2
                    ? "use padding: \(kernel / 2) or one stride-2 layer fewer"
                    : "use a smaller kernel or one stride-2 layer fewer"
            return got + ", smaller than \(window)" + (padding > 0 ? " with padding \(padding)" : "") + so + "; "
                + advice
        case .unflattenCount(let needed):
            let count = input.reduce(1, *)
            return "\(layer.notebookText) needs \(needed.formatted()) values but gets \(Self.text(input))"
                + (input.count == 1 ? "" : " (\(count.formatted()) values)") + " here" + so
                + "; make its sizes multiply to \(count.formatted())"
        case .normalizesVectorsOrImages:
            return got + ", but it normalizes flat vectors or C×H×W images" + so
                + "; put it after a linear or convolution layer"
        case .emptyOutput:
            return got + ", which leaves no pixels" + so + "; use less padding or a larger kernel"
        case .outputTooLarge(let count):
            return got + " and would make \(count.formatted()) values per image, more than nb holds ("
                + "\(LayerSpec.largestItem.formatted()))" + so + "; use fewer channels or a smaller stride"
        }
    }

    /// `1×28×28`, `784`.
    static func text(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "×")
    }
}

extension LayerSpec {
    /// Whether the layer is a pooling layer, whose window messages call a window.
    var isPooling: Bool {
        switch self {
        case .maxPool2d, .avgPool2d: true
        default: false
        }
    }
}
