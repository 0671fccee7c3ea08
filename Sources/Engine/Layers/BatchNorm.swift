/// Batch normalisation over the channel axis: PyTorch's `BatchNorm1d` for (N, C) inputs and
/// `BatchNorm2d` for (N, C, H, W).
///
/// Training: y = γ · (x − μ_B) / √(σ²_B + ε) + β with the batch's mean and biased variance per
/// channel, and running averages updated as r ← (1 − momentum)·r + momentum·batch (the variance
/// unbiased, as PyTorch does). Evaluation: the running averages replace the batch statistics.
///
/// - Parameters: `weight` γ (C) = 1, `bias` β (C) = 0. Buffers: `running_mean` (C) = 0,
///   `running_var` (C) = 1, `num_batches_tracked` (int64 in PyTorch).
/// - Shapes: input (N, C) or (N, C, H, W) → output (same).
public final class BatchNorm: Layer {
    /// Channels normalised.
    public let features: Int
    /// Added to the variance before the square root, and the weight of each new batch in the running averages.
    public let epsilon: Float, momentum: Float
    /// 1 for `BatchNorm1d`, 2 for `BatchNorm2d`: only changes the name and the expected rank.
    public let spatialRank: Int
    /// γ (C)
    public let weight: Parameter
    /// β (C)
    public let bias: Parameter
    /// (C)
    public let runningMean: Tensor, runningVariance: Tensor
    /// A one-element tensor counting training batches, saved as int64.
    public let batchesTracked: Tensor
    /// Batch statistics when training, running ones when evaluating.
    public var isTraining = true

    /// (N, C, P) normalised input, kept for backward.
    private var normalized: Tensor?
    /// (C) 1/√(σ² + ε) of the statistics used in the last forward.
    private let inverseDeviation: Tensor
    private var output: Tensor?
    private var gradInput: Tensor?
    private var usedBatchStatistics = true

    /// Creates the layer; `spatialRank` is 1 for (N, C) inputs and 2 for (N, C, H, W).
    public init(features: Int, spatialRank: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
        precondition(spatialRank == 1 || spatialRank == 2, "BatchNorm is 1-D or 2-D")
        self.features = features
        self.spatialRank = spatialRank
        self.epsilon = epsilon
        self.momentum = momentum
        weight = Parameter(name: "weight", value: Tensor(zeros: [features]))
        weight.value.fill(1)
        bias = Parameter(name: "bias", value: Tensor(zeros: [features]))
        runningMean = Tensor(zeros: [features])
        runningVariance = Tensor(zeros: [features])
        runningVariance.fill(1)
        batchesTracked = Tensor(zeros: [])
        inverseDeviation = Tensor(zeros: [features])
    }

    /// `weight` then `bias`.
    public var parameters: [Parameter] { [weight, bias] }
    /// The running statistics, in PyTorch's order.
    public var buffers: [Buffer] {
        [
            Buffer(name: "running_mean", value: runningMean),
            Buffer(name: "running_var", value: runningVariance),
            Buffer(name: "num_batches_tracked", value: batchesTracked, isInteger: true),
        ]
    }
    /// `BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)`, as PyTorch 2.15 prints it.
    public var description: String {
        Self.description(features: features, spatialRank: spatialRank, epsilon: epsilon, momentum: momentum)
    }

    /// How PyTorch prints a layer of these sizes, without making one.
    public static func description(
        features: Int, spatialRank: Int, epsilon: Float = 1e-5, momentum: Float = 0.1
    ) -> String {
        "BatchNorm\(spatialRank)d(\(features), eps=\(epsilon), momentum=\(momentum), affine=True, bias=True, track_running_stats=True)"
    }

    /// The input's shape.
    public func outputShape(for input: Shape) -> Shape { input }

    /// y = γ · x̂ + β with x̂ = (x − μ) / √(σ² + ε) per channel.
    public func forward(_ input: Tensor) -> Tensor {
        precondition(
            input.shape.rank == spatialRank * 2 && input.shape[1] == features, "\(description) got \(input.shape)")
        let n = input.shape[0]
        let plane = input.count / (n * features)
        let normalized = Tensor.reusing(self.normalized, shape: input.shape)
        let output = Tensor.reusing(self.output, shape: input.shape)
        let x = input.data, xhat = normalized.data, y = output.data
        let gamma = weight.value.data, beta = bias.value.data, inverse = inverseDeviation.data
        let samples = Float(n * plane)
        usedBatchStatistics = isTraining
        for c in 0..<features {
            var mean: Float
            var variance: Float
            if isTraining {
                var sum: Double = 0
                for s in 0..<n {
                    let row = x + (s * features + c) * plane
                    for p in 0..<plane { sum += Double(row[p]) }
                }
                mean = Float(sum / Double(samples))
                var squares: Double = 0
                for s in 0..<n {
                    let row = x + (s * features + c) * plane
                    for p in 0..<plane {
                        let d = row[p] - mean
                        squares += Double(d * d)
                    }
                }
                variance = Float(squares / Double(samples))
                let unbiased = samples > 1 ? Float(squares / Double(samples - 1)) : variance
                runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean
                runningVariance[c] = (1 - momentum) * runningVariance[c] + momentum * unbiased
            } else {
                mean = runningMean[c]
                variance = runningVariance[c]
            }
            let inv = 1 / (variance + epsilon).squareRoot()
            inverse[c] = inv
            for s in 0..<n {
                let offset = (s * features + c) * plane
                for p in 0..<plane {
                    let value = (x[offset + p] - mean) * inv
                    xhat[offset + p] = value
                    y[offset + p] = gamma[c] * value + beta[c]
                }
            }
        }
        if isTraining { batchesTracked[0] += 1 }
        self.normalized = normalized
        self.output = output
        return output
    }

    /// dγ += Σ dy·x̂; dβ += Σ dy; with batch statistics
    /// dx = γ/√(σ²+ε) · (dy − mean(dy) − x̂ · mean(dy·x̂)), else dx = γ/√(σ²+ε) · dy.
    public func backward(gradOutput: Tensor) -> Tensor {
        guard let normalized else { preconditionFailure("BatchNorm.backward before forward") }
        let n = normalized.shape[0]
        let plane = normalized.count / (n * features)
        let gradInput = Tensor.reusing(self.gradInput, shape: normalized.shape)
        let dy = gradOutput.data, xhat = normalized.data, dx = gradInput.data
        let gamma = weight.value.data, inverse = inverseDeviation.data
        let samples = Float(n * plane)
        for c in 0..<features {
            var sumDy: Float = 0
            var sumDyXhat: Float = 0
            for s in 0..<n {
                let offset = (s * features + c) * plane
                for p in 0..<plane {
                    sumDy += dy[offset + p]
                    sumDyXhat += dy[offset + p] * xhat[offset + p]
                }
            }
            weight.grad[c] += sumDyXhat
            bias.grad[c] += sumDy
            let scale = gamma[c] * inverse[c]
            let meanDy = usedBatchStatistics ? sumDy / samples : 0
            let meanDyXhat = usedBatchStatistics ? sumDyXhat / samples : 0
            for s in 0..<n {
                let offset = (s * features + c) * plane
                for p in 0..<plane {
                    dx[offset + p] = scale * (dy[offset + p] - meanDy - xhat[offset + p] * meanDyXhat)
                }
            }
        }
        self.gradInput = gradInput
        return gradInput
    }
}
