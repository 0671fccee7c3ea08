/// One row of a model's summary: a layer, named as its checkpoint names it, with what it makes
/// of one item.
struct LayerRow: Equatable {
    /// `encoder.0`, `fc_mu`, `net.3`.
    var name: String
    /// The layer's output shape, size and PyTorch print.
    var shape: LayerShape
}

/// Pushes one item's shape through a stack of layers, collecting a summary row per layer and
/// the shapes so far, and stopping at the first layer that cannot take its input.
struct ShapeTrace {
    /// Every layer's row, in order.
    var rows: [LayerRow] = []
    /// The input's shape, then each layer's output where it differs from the one before.
    var shapes: [[Int]] = []

    /// Traces `stack` from `input`, naming its layers `prefix.0`, `prefix.1`, …; returns the
    /// stack's output shape. A layer that fails throws with its index path in the stack.
    mutating func trace(_ stack: LayerSpec, from input: [Int], prefix: String) throws(ShapeError) -> [Int] {
        shapes = [input]
        return try trace(stack, input: input, name: prefix, path: [])
    }

    private mutating func trace(
        _ layer: LayerSpec, input: [Int], name: String, path: [Int]
    ) throws(ShapeError) -> [Int] {
        if case .sequence(let layers) = layer {
            var shape = input
            for (index, child) in layers.enumerated() {
                shape = try trace(child, input: shape, name: "\(name).\(index)", path: path + [index])
            }
            return shape
        }
        do {
            let shape = try layer.shape(for: input)
            rows.append(LayerRow(name: name, shape: shape))
            if shapes.last != shape.output { shapes.append(shape.output) }
            return shape.output
        } catch {
            throw ShapeError(layer: layer, problem: error, input: input, shapesSoFar: shapes, path: path)
        }
    }
}
