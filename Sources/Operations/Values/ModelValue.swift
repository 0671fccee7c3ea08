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

    /// Its summary for MNIST's images, or, for a model that cannot take them, what is wrong.
    public func summary() -> DisplayValue {
        do {
            return try ModelSummary(models: [spec], input: ModelSummary.defaultInput).summary()
        } catch {
            return .text(String(describing: error))
        }
    }
}
