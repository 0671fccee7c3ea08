import Engine
import Runner

/// Building models: `vae(encoder: seq([...]), decoder: seq([...]), latent: 20)`,
/// `classifier(seq([...]))`, the shorthands `mlp_vae(hidden: [400, 400])` and
/// `cnn_vae(channels: [32, 64, 64])`, and `summary(model, input: data)`.
enum ModelOperations {
    static let all = [vae, classifier, mlpVAE, cnnVAE, summary]

    private static let activations = ActivationKind.allCases.filter { $0 != .sigmoid }.map(\.rawValue)
    private static let latent = ParameterSpec.labelled("latent", .int, default: .int(20), .between(1, 512))

    /// An operation making a model from `make`, which reads the arguments and the name to give a
    /// model the notebook names none. Its precheck makes the same description from what is known
    /// before running, with where each of its stacks is written.
    private static func model(
        _ name: String, doc: String, parameters: [ParameterSpec], version: Int,
        make: @escaping @Sendable (Arguments) throws -> ModelSpec.Architecture,
        defaultName: @escaping @Sendable (_ binding: String?) -> String
    ) -> OperationSpec {
        OperationSpec(
            name: name, doc: doc, parameters: parameters + [.labelled("name", .string, optional: true), .seed],
            result: .model, version: version, isRandom: true,
            precheck: { call in
                let (arguments, stacks) = ModelFact.arguments(of: call)
                let architecture: ModelSpec.Architecture
                do {
                    architecture = try make(arguments)
                } catch is ArgumentError {
                    return nil  // An argument known only when running: checked then.
                }
                let name = (try? arguments.string("name")) ?? defaultName(call.binding)
                return ModelFact(
                    spec: ModelSpec(architecture: architecture, seed: 0, name: name), site: call.site, stacks: stacks)
            }
        ) { arguments, context in
            let name = arguments["name"] == nil ? defaultName(context.statement.binding) : try arguments.string("name")
            return .domain(
                ModelValue(spec: ModelSpec(architecture: try make(arguments), seed: context.seed, name: name)))
        }
    }

    static let vae = model(
        "vae",
        doc: "A VAE of your layers: encoder → linear μ and log σ² heads to `latent` → decoder back to the image.",
        parameters: [.labelled("encoder", .layer), .labelled("decoder", .layer), latent], version: 1,
        make: { arguments in
            .vae(
                encoder: try arguments.domain("encoder", as: LayerValue.self).spec,
                decoder: try arguments.domain("decoder", as: LayerValue.self).spec, latent: try arguments.int("latent"))
        }, defaultName: { $0 ?? "VAE" })

    static let classifier = model(
        "classifier", doc: "A classifier of your layers, from images to one logit per class.",
        parameters: [.positional("layers", .layer)], version: 1,
        make: { .classifier(try $0.domain("layers", as: LayerValue.self).spec) },
        defaultName: { $0 ?? "classifier" })

    private static func shorthandParameters(_ widths: String, _ defaults: [Int], _ range: Constraint) -> [ParameterSpec]
    {
        [
            .labelled(widths, .list(.int), default: .list(defaults.map { .int($0) }), range), latent,
            .labelled("activation", .string, default: .string("relu"), .oneOf(activations)),
            .labelled("batchnorm", .bool, default: .bool(false)),
        ]
    }

    static let mlpVAE = model(
        "mlp_vae", doc: "A VAE of fully connected layers: flatten → hidden… → latent (μ, log σ²) → …hidden → pixels.",
        parameters: shorthandParameters("hidden", [400, 400], .between(1, 8192)), version: 1,
        make: { arguments in
            .mlpVAE(
                hidden: try arguments.ints("hidden"), latent: try arguments.int("latent"),
                activation: try arguments.choice("activation", as: ActivationKind.self),
                batchNorm: try arguments.bool("batchnorm"))
        }, defaultName: { _ in ModelSpec.shorthandNames[0] })

    static let cnnVAE = model(
        "cnn_vae",
        doc: "A convolutional VAE: 3×3 convolutions (the first two with stride 2), transposed convolutions back.",
        parameters: shorthandParameters("channels", [32, 64, 64], .between(1, 1024)), version: 1,
        make: { arguments in
            let channels = try arguments.ints("channels")
            guard channels.count >= 2 else { throw ModelError.tooFewChannels(channels.count) }
            return .cnnVAE(
                channels: channels, latent: try arguments.int("latent"),
                activation: try arguments.choice("activation", as: ActivationKind.self),
                batchNorm: try arguments.bool("batchnorm"))
        }, defaultName: { _ in ModelSpec.shorthandNames[1] })

    static let summary = OperationSpec(
        name: "summary",
        doc: "Each model's layers with output shapes, parameters and multiply-adds for the images of `input` "
            + "(MNIST's 1×28×28 without it), computed from shapes alone.",
        parameters: [.variadic("models", .model), .labelled("input", .dataset, optional: true)],
        result: .table, version: 2,
        precheck: { call in
            let input = call["input"].map { $0.fact(as: DatasetFact.self)?.imageShape } ?? ModelSummary.defaultInput
            guard let input else { return nil }
            let facts = (call["models"]?.elements ?? []).map { $0.fact(as: ModelFact.self) }
            var errors: [PrecheckError] = []
            for fact in facts {
                do throws(PrecheckError) { _ = try fact?.layout(for: input) } catch { errors.append(error) }
            }
            guard errors.isEmpty else { throw PrecheckErrors(errors) }
            let known = facts.compactMap(\.self)
            return known.count == facts.count ? try? ModelSummary(models: known.map(\.spec), input: input) : nil
        }
    ) { arguments, _ in
        let models = try arguments.domains("models", as: ModelValue.self)
        let input =
            arguments["input"] == nil
            ? ModelSummary.defaultInput : try arguments.domain("input", as: DatasetValue.self).imageShape
        return .domain(try ModelSummary(models: models.map(\.spec), input: input))
    }
}
