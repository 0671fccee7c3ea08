import Runner

/// A layer, or a stack of them, in a notebook: its description, from which a model is built
/// once it meets data and its input sizes are known.
public final class LayerValue: DomainValue {
    /// Values of this class are `Layer`s.
    public static let valueType = ValueType.layer
    /// What the layer is.
    public let spec: LayerSpec

    /// Wraps a description.
    public init(spec: LayerSpec) { self.spec = spec }

    /// The layer as the notebook writes it, one line per layer of a stack.
    public func summary() -> DisplayValue {
        guard case .sequence(let layers) = spec else { return .text(spec.notebookText) }
        return .text(layers.map(\.notebookText).joined(separator: " → "))
    }
}

/// What the checker knows of a layer before anything runs: its description, and where it and
/// each layer of a stack are written, so that a shape error points at the layer at fault.
struct LayerFact: Sendable {
    /// The description.
    var spec: LayerSpec
    /// Where the call making it is written.
    var site: Site
    /// A stack's layers, in order; empty for a single layer.
    var parts: [LayerFact]

    /// Where the layer at index path `path` (`[1, 0]`: the first layer of the second) is written;
    /// the stack's own site when the path leads nowhere known.
    func site(at path: [Int]) -> Site {
        guard let first = path.first, first < parts.count else { return site }
        return parts[first].site(at: Array(path.dropFirst()))
    }
}
