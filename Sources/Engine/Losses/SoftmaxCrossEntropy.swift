#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Softmax cross-entropy of logits against class indices, averaged over the batch, as PyTorch's
/// `nn.CrossEntropyLoss()` (log-softmax and the negative log-likelihood fused, mean reduction):
/// L = (1/N) Σₙ [log Σₖ e^(z[n, k] − mₙ) + mₙ − z[n, tₙ]], mₙ = maxₖ z[n, k],
/// whose gradient is (softmax(z) − onehot(t)) / N.
///
/// Subtracting each row's maximum keeps every exponential in (0, 1], so no logit overflows it and
/// the logarithm's argument is at least 1. Forward also counts the rows whose largest logit (the
/// first one, on ties, as `torch.argmax`) is the label: the batch's correct predictions.
///
/// - Shapes: logits (N, K) and N labels in 0..<K → a scalar; `probabilities` is (N, K).
public final class SoftmaxCrossEntropy {
    /// softmax(z) from the last forward: the model's class probabilities.
    public private(set) var probabilities: Tensor?
    /// How many rows of the last forward predicted their label.
    public private(set) var correctPredictions = 0
    /// The last forward's labels, copied so the caller can refill its array without copying it.
    private var labels: [Int] = []
    private var gradLogits: Tensor?

    /// Creates the loss.
    public init() {}

    /// The mean loss over the batch, accumulated in Double; also fills `probabilities` and
    /// `correctPredictions`.
    public func forward(logits: Tensor, labels: [UInt8]) -> Double {
        precondition(logits.shape.rank == 2 && logits.shape[0] == labels.count, "cross-entropy of \(logits.shape)")
        let (rows, classes) = (logits.shape[0], logits.shape[1])
        let probabilities = Tensor.reusing(self.probabilities, shape: logits.shape)
        self.labels.removeAll(keepingCapacity: true)
        var total = 0.0
        var correct = 0
        for row in 0..<rows {
            let label = Int(labels[row])
            precondition(label < classes, "label \(label) of \(classes) classes")
            self.labels.append(label)
            let z = logits.data + row * classes, p = probabilities.data + row * classes
            var maximum = z[0], predicted = 0
            for k in 1..<max(classes, 1) where z[k] > maximum {
                maximum = z[k]
                predicted = k
            }
            var sum: Float = 0
            for k in 0..<classes {
                p[k] = expf(z[k] - maximum)
                sum += p[k]
            }
            let inverse = 1 / sum
            for k in 0..<classes { p[k] *= inverse }
            total += Double(logf(sum)) + Double(maximum) - Double(z[label])
            if predicted == label { correct += 1 }
        }
        self.probabilities = probabilities
        correctPredictions = correct
        return rows == 0 ? 0 : total / Double(rows)
    }

    /// d(scale·L)/dz = scale · (softmax(z) − onehot(t)) / N.
    public func backward(scale: Float = 1) -> Tensor {
        guard let probabilities else { preconditionFailure("SoftmaxCrossEntropy.backward before forward") }
        let grad = Tensor.reusing(gradLogits, shape: probabilities.shape)
        let (rows, classes) = (probabilities.shape[0], probabilities.shape[1])
        let factor = scale / Float(max(rows, 1))
        let p = probabilities.data, dz = grad.data
        for i in 0..<(rows * classes) { dz[i] = factor * p[i] }
        for row in 0..<rows { dz[row * classes + labels[row]] -= factor }
        gradLogits = grad
        return grad
    }
}
