import Runner

/// The types of value these operations define, as cells and signatures name them. The runner
/// knows none of them: it passes, caches and shows them through `DomainValue`.
extension ValueType {
    /// A data set (MNIST, Fashion-MNIST, …): `DatasetValue`.
    public static let dataset = ValueType.domain(DomainType("Dataset"))
    /// A layer or a stack of layers (`conv2d(32, kernel: 3)`, `seq([...])`): `LayerValue`.
    public static let layer = ValueType.domain(DomainType("Layer"))
    /// A model's description, untrained: `ModelValue`.
    public static let model = ValueType.domain(DomainType("Model"))
    /// The result of training, the trained model and its history: `FitValue`.
    public static let fit = ValueType.domain(DomainType("Fit"))
    /// Figures to display: `FigureValue`.
    public static let figure = ValueType.domain(DomainType("Figure"))
    /// Tables to display: `TableValue`.
    public static let table = ValueType.domain(DomainType("Table"))
}
