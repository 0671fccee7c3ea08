import Runner

/// What the checker knows of a model before anything runs: its description, and where it and
/// each of its stacks are written, so that an error found when it meets data points at the
/// layer at fault.
struct ModelFact: Sendable {
    /// The description (seed and name aside, which do not change shapes).
    var spec: ModelSpec
    /// Where the call making it is written.
    var site: Site
    /// Its stacks' facts, for the stacks the notebook wrote (not a shorthand's).
    var stacks: [ModelShapeError.Part: LayerFact]

    /// The arguments a model's call is known to have before running, with each layer argument
    /// known from its fact, and the facts of the stacks among them; the implementation reads these
    /// as it reads the values when running.
    static func arguments(of call: KnownCall) -> (Arguments, stacks: [ModelShapeError.Part: LayerFact]) {
        var values: [String: Value] = [:]
        var stacks: [ModelShapeError.Part: LayerFact] = [:]
        for (name, argument) in call.arguments {
            if let constant = argument.constant {
                values[name] = constant
            } else if let layer = argument.fact(as: LayerFact.self) {
                values[name] = .domain(LayerValue(spec: layer.spec))
                stacks[ModelShapeError.Part(argument: name)] = layer
            }
        }
        return (Arguments(values, operation: call.operation), stacks)
    }

    /// The model laid over items of shape `input`, as `ModelSpec.layout`, with its weights,
    /// gradients and Adam's moments within the memory budget; an error points at the layer,
    /// stack or model at fault.
    func layout(for input: [Int], classes: Int? = nil) throws(PrecheckError) -> ModelLayout {
        let layout: ModelLayout
        do {
            layout = try spec.layout(for: input, classes: classes)
        } catch {
            throw PrecheckError(error, at: site(for: error))
        }
        let bytes = 16 * Double(layout.parameters)
        guard bytes <= ModelSpec.memoryBudget else {
            throw PrecheckError(
                ModelSizeError.modelTooLarge(model: spec.name, bytes: bytes, budget: ModelSpec.memoryBudget), at: site)
        }
        return layout
    }

    /// Where to report `error`: the layer at fault, the stack whose output is wrong, or the model.
    func site(for error: ModelShapeError) -> Site {
        switch error {
        case .layer(let part, let shapeError): stacks[part]?.site(at: shapeError.path) ?? site
        case .encoderNotFlat: stacks[.encoder]?.site ?? site
        case .decoderOutput: stacks[.decoder]?.site ?? site
        case .classifierOutput: stacks[.net]?.site ?? site
        case .shorthandImageSize: site
        }
    }
}

extension ModelShapeError.Part {
    /// The part a model operation's layer argument makes: `encoder`, `decoder`, and a
    /// classifier's `layers`, which its checkpoint names `net`.
    init(argument: String) {
        self = Self(rawValue: argument) ?? .net
    }
}

/// What the checker knows of a data set before anything runs: what a model needs to know of it.
struct DatasetFact: Sendable {
    /// One image's shape, (C, H, W).
    var imageShape: [Int]
    /// The number of classes its labels name.
    var classes: Int
    /// Its name in messages: `MNIST (train)`.
    var title: String
}

/// What the checker knows of a fit before anything runs.
struct FitFact: Sendable {
    /// The model trained.
    var model: ModelFact
    /// The images it is trained on, (C, H, W).
    var imageShape: [Int]
}
