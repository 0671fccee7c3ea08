import Engine
import Runner

/// An untrained model in a notebook: its description, from which training builds the weights.
public final class ModelValue: DomainValue {
    /// Values of this class are `Model`s.
    public static let valueType = ValueType.model
    /// The architecture and seed.
    public let spec: ModelSpec

    /// Wraps a description.
    public init(spec: ModelSpec) { self.spec = spec }

    /// Layers with output shapes and parameter counts, as torchinfo prints them.
    public func summary() -> DisplayValue { .table(ModelSummary.table(for: spec)) }
}
