/// Test-set measurements of a classifier: its loss and every image's prediction.
public struct ClassifierEvaluation: Sendable, Equatable {
    /// Cross-entropy summed over the images.
    public var totalLoss: Double
    /// Each image's predicted class (the first largest logit, as `torch.argmax`).
    public var predictions: [UInt8]
    /// The probability the model gives each image's predicted class.
    public var confidences: [Float]
    /// Each image's label.
    public var labels: [UInt8]

    /// The fraction of images predicted right.
    public var accuracy: Double {
        Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(max(labels.count, 1))
    }

    /// The mean cross-entropy per image.
    public var lossPerImage: Double { totalLoss / Double(max(labels.count, 1)) }

    /// counts[t][p]: images of class t predicted as p, for `classes` classes.
    public func confusionMatrix(classes: Int) -> [[Int]] {
        var counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        for (label, predicted) in zip(labels, predictions) where Int(label) < classes && Int(predicted) < classes {
            counts[Int(label)][Int(predicted)] += 1
        }
        return counts
    }
}

extension Classifier {
    /// Evaluates on every image of `images` (N, C, H, W) against `labels`, in batches of `batch`
    /// (the training batch by default, so the layers' buffers are reused rather than grown).
    public func evaluate(images: Tensor, labels: [UInt8], batch: Int = 128) -> ClassifierEvaluation {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        var result = ClassifierEvaluation(totalLoss: 0, predictions: [], confidences: [], labels: labels)
        var start = 0
        while start < images.shape[0] {
            let end = min(start + batch, images.shape[0])
            let logits = net.forward(images.items(start..<end))
            result.totalLoss += loss.forward(logits: logits, labels: Array(labels[start..<end])) * Double(end - start)
            // The prediction is the first largest logit, as the loss counts it right or wrong.
            let classes = logits.shape[1], z = logits.data
            guard let p = probabilities?.data else { break }
            for row in 0..<(end - start) {
                var best = 0
                for k in 1..<max(classes, 1) where z[row * classes + k] > z[row * classes + best] { best = k }
                result.predictions.append(UInt8(best))
                result.confidences.append(p[row * classes + best])
            }
            start = end
        }
        return result
    }
}
