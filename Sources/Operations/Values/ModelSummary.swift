import Runner

/// torchinfo-style summaries of models for one input shape, computed from shapes alone: each
/// layer named as its checkpoint names it, as PyTorch prints it, with its output shape,
/// parameters and multiply-adds per image, then the totals.
public final class ModelSummary: DomainValue, PreviewFact {
    /// Values of this class are `Table`s.
    public static let valueType = ValueType.table
    /// The images a summary without `input:` is for: MNIST's.
    static let defaultInput = [1, 28, 28]

    /// Each model's name and layout.
    let models: [(name: String, layout: ModelLayout)]

    /// The summaries of `models` for items of shape `input`; throws the first shape error.
    init(models: [ModelSpec], input: [Int]) throws {
        self.models = try models.map { ($0.name, try $0.layout(for: input)) }
    }

    /// One table for one model; for several, each table under its model's name.
    public func summary() -> DisplayValue {
        guard models.count != 1 else { return .table(Self.table(models[0].layout)) }
        return .list(models.flatMap { [DisplayValue.text($0.name), .table(Self.table($0.layout))] })
    }

    /// The summary as the report shows it, known before anything runs.
    public var preview: DisplayValue { summary() }

    /// The rows of `layout`, then the totals.
    static func table(_ layout: ModelLayout) -> DisplayTable {
        var rows: [[DisplayTable.Cell]] = [
            [.text("input"), .text(""), .text(ShapeError.text(layout.input)), .text(""), .text("")]
        ]
        for row in layout.rows {
            rows.append([
                .text(row.name), .text(row.shape.description), .text(ShapeError.text(row.shape.output)),
                .number(Double(row.shape.parameters)), .number(Double(row.shape.multiplyAdds)),
            ])
        }
        rows.append([
            .text("total"), .text(""), .text(""), .number(Double(layout.parameters)),
            .number(Double(layout.multiplyAdds)),
        ])
        return DisplayTable(columns: ["name", "layer", "output shape", "parameters", "multiply-adds"], rows: rows)
    }
}
