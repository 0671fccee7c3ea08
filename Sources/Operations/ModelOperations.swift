import Engine
import Runner

/// Building models: `mlp_vae(hidden: [400, 400], latent: 20)`, `cnn_vae(channels: [32, 64, 64])`,
/// and `summary(mlp, cnn)`.
enum ModelOperations {
    static let all = [mlpVAE, cnnVAE, summary]

    private static let activations = ActivationKind.allCases.filter { $0 != .sigmoid }.map(\.rawValue)

    private static func common(widthsName: String, widths: [Int], widthsRange: Constraint) -> [ParameterSpec] {
        [
            .labelled(widthsName, .list(.int), default: .list(widths.map { .int($0) }), widthsRange),
            .labelled("latent", .int, default: .int(20), .between(1, 512)),
            .labelled("activation", .string, default: .string("relu"), .oneOf(activations)),
            .labelled("batchnorm", .bool, default: .bool(false)),
            .labelled("name", .string, optional: true),
            .seed,
        ]
    }

    private static func spec(
        _ family: ModelSpec.Family, widthsName: String, _ arguments: Arguments, _ context: RunContext
    )
        throws -> ModelSpec
    {
        let model = ModelSpec(
            family: family, widths: try arguments.ints(widthsName), latent: try arguments.int("latent"),
            activation: try arguments.choice("activation", as: ActivationKind.self),
            batchNorm: try arguments.bool("batchnorm"),
            imageShape: ModelSpec.supportedImageShape, seed: context.seed,
            name: arguments["name"] == nil ? family.defaultName : try arguments.string("name"))
        // Its weights, gradients and Adam's moments alone: refused before anything is allocated.
        let bytes = 16 * Double(model.estimatedParameters)
        guard bytes <= ModelSpec.memoryBudget else {
            throw ModelSizeError.modelTooLarge(model: model.name, bytes: bytes, budget: ModelSpec.memoryBudget)
        }
        return model
    }

    static let mlpVAE = OperationSpec(
        name: "mlp_vae",
        doc: "A VAE of fully connected layers: 784 → hidden… → latent (μ, log σ²) → …hidden → 784.",
        parameters: common(widthsName: "hidden", widths: [400, 400], widthsRange: .between(1, 8192)),
        result: .model, version: 1, isRandom: true
    ) { arguments, context in
        .domain(ModelValue(spec: try spec(.mlp, widthsName: "hidden", arguments, context)))
    }

    static let cnnVAE = OperationSpec(
        name: "cnn_vae",
        doc: "A convolutional VAE: 3×3 convolutions (the first two with stride 2), transposed convolutions back.",
        parameters: common(widthsName: "channels", widths: [32, 64, 64], widthsRange: .between(1, 1024)),
        result: .model, version: 1, isRandom: true
    ) { arguments, context in
        let model = try spec(.cnn, widthsName: "channels", arguments, context)
        guard model.widths.count >= 2 else { throw ModelError.tooFewChannels(model.widths.count) }
        return .domain(ModelValue(spec: model))
    }

    static let summary = OperationSpec(
        name: "summary",
        doc: "Shows each model's layers, output shapes and parameter counts side by side.",
        parameters: [.variadic("models", .model)],
        result: .table, version: 1
    ) { arguments, _ in
        let models = try arguments.domains("models", as: ModelValue.self)
        let tables = models.map { ModelSummary.table(for: $0.spec) }
        let columns = ["layer"] + models.map(\.spec.name)
        // Side by side: the models' layer lists in parallel columns, "type → shape (params)".
        let depth = tables.map(\.rows.count).max() ?? 0
        let rows: [[DisplayTable.Cell]] = (0..<depth).map { index in
            [.number(Double(index + 1))]
                + tables.map { table in
                    guard index < table.rows.count else { return .text("") }
                    return .text(ModelSummary.describe(table.rows[index]))
                }
        }
        return .domain(TableValue(DisplayTable(columns: columns, rows: rows)))
    }
}
