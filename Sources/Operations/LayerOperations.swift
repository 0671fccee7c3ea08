import Engine
import Runner

/// Layers as values, each one operation, with input sizes inferred from the layer before:
/// `linear(400)`, `conv2d(32, kernel: 3, stride: 2, padding: 1)`, `max_pool2d(2)`, `relu()`,
/// `dropout(0.5)`, and `seq([...])` chaining them. PyTorch's defaults everywhere.
enum LayerOperations {
    static let all =
        [linear, conv2d, convTranspose2d, pool("max_pool2d", "max"), pool("avg_pool2d", "mean"), flatten, unflatten]
        + activations + [leakyReLU, batchNorm, dropout, seq]

    private static let size = Constraint.between(1, 65536)
    private static let channels = Constraint.between(1, 4096)
    private static let window = Constraint.between(1, 64)

    /// An operation making one layer with `make`, which reads the call's arguments. Its precheck
    /// makes the same description from the constant arguments, so shapes are checked before
    /// anything runs; an argument known only when running leaves the layer unknown until then.
    private static func layer(
        _ name: String, doc: String, parameters: [ParameterSpec] = [],
        make: @escaping @Sendable (Arguments) throws -> LayerSpec
    ) -> OperationSpec {
        OperationSpec(
            name: name, doc: doc, parameters: parameters, result: .layer, version: 1,
            precheck: { call in
                guard call.arguments.values.allSatisfy({ $0.constant != nil }) else { return nil }
                return LayerFact(spec: try make(call.constants), site: call.site, parts: [])
            }
        ) { arguments, _ in .domain(LayerValue(spec: try make(arguments))) }
    }

    static let linear = layer(
        "linear", doc: "A fully connected layer to `features` outputs; its inputs are counted from the layer before.",
        parameters: [.positional("features", .int, default: nil, size), .labelled("bias", .bool, default: .bool(true))]
    ) { .linear(features: try $0.int("features"), bias: try $0.bool("bias")) }

    static let conv2d = layer(
        "conv2d", doc: "A 2-d convolution to `channels` channels with square `kernel`×`kernel` windows.",
        parameters: [
            .positional("channels", .int, default: nil, channels), .labelled("kernel", .int, default: nil, window),
            .labelled("stride", .int, default: .int(1), window),
            .labelled("padding", .int, default: .int(0), .between(0, 64)),
        ]
    ) {
        .conv2d(
            channels: try $0.int("channels"), kernel: try $0.int("kernel"), stride: try $0.int("stride"),
            padding: try $0.int("padding"))
    }

    static let convTranspose2d = layer(
        "conv_transpose2d", doc: "A 2-d transposed convolution to `channels` channels, which upsamples by `stride`.",
        parameters: [
            .positional("channels", .int, default: nil, channels), .labelled("kernel", .int, default: nil, window),
            .labelled("stride", .int, default: .int(1), window),
            .labelled("padding", .int, default: .int(0), .between(0, 64)),
            .labelled("output_padding", .int, default: .int(0), .between(0, 63)),
        ]
    ) { arguments in
        let stride = try arguments.int("stride"), outputPadding = try arguments.int("output_padding")
        guard outputPadding < stride else { throw LayerArgumentError.outputPadding(outputPadding, stride: stride) }
        return .convTranspose2d(
            channels: try arguments.int("channels"), kernel: try arguments.int("kernel"), stride: stride,
            padding: try arguments.int("padding"), outputPadding: outputPadding)
    }

    private static func pool(_ name: String, _ what: String) -> OperationSpec {
        layer(
            name, doc: "2-d pooling: the \(what) of each `kernel`×`kernel` window; the stride defaults to the kernel.",
            parameters: [
                .positional("kernel", .int, default: nil, window),
                .labelled("stride", .int, default: nil, window, optional: true),
            ]
        ) { arguments in
            let kernel = try arguments.int("kernel")
            let stride = arguments["stride"] == nil ? kernel : try arguments.int("stride")
            return name == "max_pool2d"
                ? .maxPool2d(kernel: kernel, stride: stride) : .avgPool2d(kernel: kernel, stride: stride)
        }
    }

    static let flatten = layer("flatten", doc: "Flattens each item to one axis, as before a linear layer.") { _ in
        .flatten
    }

    static let unflatten = layer(
        "unflatten", doc: "Reshapes each item to `sizes`, as after a linear layer before convolutions.",
        parameters: [.positional("sizes", .list(.int), default: nil, size)]
    ) { arguments in
        let sizes = try arguments.ints("sizes")
        guard !sizes.isEmpty, sizes.count <= 3 else { throw LayerArgumentError.unflattenRank(sizes.count) }
        return .unflatten(sizes)
    }

    private static let activations = [ActivationKind.relu, .elu, .gelu, .tanh, .sigmoid].map { kind in
        layer(kind.rawValue, doc: "The \(kind.rawValue) activation, element by element.") { _ in .activation(kind) }
    }

    static let leakyReLU = layer(
        "leaky_relu", doc: "The leaky ReLU activation: x, or `slope`·x below 0.",
        parameters: [.positional("slope", .float, default: .float(0.01), .between(0, 1))]
    ) { .leakyReLU(slope: try $0.float("slope")) }

    static let batchNorm = layer(
        "batchnorm", doc: "Batch normalisation: BatchNorm1d after a linear layer, BatchNorm2d after a convolution."
    ) { _ in .batchNorm }

    static let dropout = layer(
        "dropout", doc: "Zeroes each value with probability `p` while training (seeded), and scales the rest.",
        parameters: [
            .positional(
                "p", .float, default: .float(0.5),
                .range(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: false))
        ]
    ) { .dropout(try $0.float("p")) }

    static let seq = OperationSpec(
        name: "seq", doc: "Chains layers into one stack, each taking the output of the one before.",
        parameters: [.positional("layers", .list(.layer))], result: .layer, version: 1,
        precheck: { call in
            guard let elements = call["layers"]?.elements else { return nil }
            guard !elements.isEmpty else { throw LayerArgumentError.emptySequence }
            let parts = elements.compactMap { $0.fact(as: LayerFact.self) }
            guard parts.count == elements.count else { return nil }
            return LayerFact(spec: .sequence(parts.map(\.spec)), site: call.site, parts: parts)
        }
    ) { arguments, _ in
        let layers = try arguments.domains("layers", as: LayerValue.self)
        guard !layers.isEmpty else { throw LayerArgumentError.emptySequence }
        return .domain(LayerValue(spec: .sequence(layers.map(\.spec))))
    }
}
