import Engine
import Runner

/// torchinfo-style summaries: each layer with its output shape and parameter count.
enum ModelSummary {
    /// One row per layer of encoder, heads and decoder, for a batch of one image, then the total.
    static func table(for spec: ModelSpec) -> DisplayTable {
        let model = spec.build()
        var rows: [[DisplayTable.Cell]] = []
        func add(_ prefix: String, _ sequential: Sequential, input: Shape) -> Shape {
            var shape = input
            for (index, layer) in sequential.layers.enumerated() {
                shape = layer.outputShape(for: shape)
                rows.append(row("\(prefix).\(index)", layer, shape))
            }
            return shape
        }
        let features = add("encoder", model.encoder, input: Shape([1] + spec.imageShape))
        rows.append(row("fc_mu", model.meanHead, model.meanHead.outputShape(for: features)))
        rows.append(row("fc_logvar", model.logVarianceHead, model.logVarianceHead.outputShape(for: features)))
        _ = add("decoder", model.decoder, input: [1, spec.latent])
        rows.append([.text("total"), .text(""), .text(""), .number(Double(model.parameterCount))])
        return DisplayTable(columns: ["name", "layer", "output shape", "parameters"], rows: rows)
    }

    /// A row as one cell's text: `Conv2d → (1, 32, 14, 14) · 320`, or the total.
    static func describe(_ row: [DisplayTable.Cell]) -> String {
        let texts = row.map { cell -> String in
            switch cell {
            case .text(let text): text
            case .number(let number): Int(number).formatted()
            }
        }
        if texts[0] == "total" { return "total · \(texts[3]) parameters" }
        return "\(texts[0]) \(texts[1]) → \(texts[2]) · \(texts[3])"
    }

    private static func row(_ name: String, _ layer: any Layer, _ shape: Shape) -> [DisplayTable.Cell] {
        let type = layer.description.prefix { $0 != "(" }
        return [.text(name), .text(String(type)), .text(shape.description), .number(Double(layer.parameterCount))]
    }
}
