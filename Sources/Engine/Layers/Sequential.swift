/// Layers applied one after another, named by position as PyTorch's `nn.Sequential` names them
/// (`0.weight`, `3.bias`: parameter-free layers take an index too).
///
/// - Shapes: input → each layer's output in turn.
public final class Sequential: Layer {
    /// The layers, first applied first.
    public let layers: [any Layer]
    /// The index of the first layer with parameters, found once: `parameters` builds an array,
    /// which would be an allocation in every training step.
    private let firstLearnable: Int?
    /// Told of every layer's passes while set (profiling); nil costs one test per layer.
    public var observer: (any LayerPassObserver)?

    /// Creates the container. A ReLU right after a layer that can apply it in its own last pass
    /// is fused into that layer (`ReLUEpilogue`); the layers and their outputs stay the same.
    public init(_ layers: [any Layer]) {
        self.layers = layers
        firstLearnable = layers.firstIndex { !$0.parameters.isEmpty }
        fuseReLUs(layers)
    }

    /// Every layer's parameters, prefixed with its index.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Every parameter with its state_dict name, in order; a nested stack's are named through
    /// it (`2.0.weight`), as PyTorch names a `Sequential` inside a `Sequential`.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.enumerated().flatMap { index, layer in
            if let stack = layer as? Sequential {
                return stack.namedParameters.map { ("\(index).\($0.name)", $0.parameter) }
            }
            return layer.parameters.map { ("\(index).\($0.name)", $0) }
        }
    }

    /// Every layer that draws random numbers while training (`Dropout`), nested stacks' included,
    /// in order: the layers whose generators a training snapshot saves.
    public var stochasticLayers: [any StochasticLayer] {
        layers.flatMap { layer -> [any StochasticLayer] in
            if let stack = layer as? Sequential { return stack.stochasticLayers }
            return (layer as? any StochasticLayer).map { [$0] } ?? []
        }
    }

    /// Every buffer with its index prefix, in order.
    public var buffers: [Buffer] {
        layers.enumerated().flatMap { index, layer in
            layer.buffers.map { Buffer(name: "\(index).\($0.name)", value: $0.value, isInteger: $0.isInteger) }
        }
    }

    /// Whether every layer is training; setting it sets every layer.
    public var isTraining: Bool {
        get { layers.allSatisfy(\.isTraining) }
        set { for layer in layers { layer.isTraining = newValue } }
    }

    /// `Sequential(…)` with one layer a line, as PyTorch prints it.
    public var description: String {
        let lines = layers.enumerated().map { "  (\($0)): \($1.description)" }
        return "Sequential(\n" + lines.joined(separator: "\n") + "\n)"
    }

    /// The last layer's output shape.
    public func outputShape(for input: Shape) -> Shape {
        layers.reduce(input) { $1.outputShape(for: $0) }
    }

    /// Applies every layer in order.
    public func forward(_ input: Tensor) -> Tensor {
        var x = input
        for (index, layer) in layers.enumerated() {
            observer?.willRun(layer: index, backward: false)
            x = layer.forward(x)
            observer?.didRun(layer: index, backward: false)
        }
        return x
    }

    /// Back-propagates through every layer in reverse order.
    public func backward(gradOutput: Tensor) -> Tensor {
        var gradient = gradOutput
        for index in layers.indices.reversed() {
            observer?.willRun(layer: index, backward: true)
            gradient = layers[index].backward(gradOutput: gradient)
            observer?.didRun(layer: index, backward: true)
        }
        return gradient
    }

    /// Back-propagates into every parameter, stopping at the first learnable layer: its input
    /// gradient, and the parameter-free layers before it (`Flatten`), are never computed.
    public func backwardToParameters(gradOutput: Tensor) {
        guard let first = firstLearnable else { return }
        var gradient = gradOutput
        for index in layers.indices.reversed() where index > first {
            observer?.willRun(layer: index, backward: true)
            gradient = layers[index].backward(gradOutput: gradient)
            observer?.didRun(layer: index, backward: true)
        }
        observer?.willRun(layer: first, backward: true)
        layers[first].backwardToParameters(gradOutput: gradient)
        observer?.didRun(layer: first, backward: true)
    }
}
