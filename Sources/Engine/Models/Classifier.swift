/// The loss of one classifier batch: its mean cross-entropy and how many images it got right.
public struct ClassifierLoss: Sendable, Equatable {
    /// Cross-entropy summed over the batch's images.
    public var total: Double
    /// Images whose largest logit is their label.
    public var correct: Int
    /// Images in the batch.
    public var images: Int

    /// Creates a loss record.
    public init(total: Double, correct: Int, images: Int) {
        self.total = total
        self.correct = correct
        self.images = images
    }
}

/// A classifier: a stack of layers from images to one logit per class, trained with softmax
/// cross-entropy (log-softmax fused into the loss, as `nn.CrossEntropyLoss` does).
///
/// The module layout, which names the checkpoint tensors as a PyTorch module holding the stack
/// as `self.net = nn.Sequential(...)` names its state_dict:
/// ```
/// net   Sequential   images (N, C, H, W) → logits (N, K)      net.<i>.weight …
/// ```
public final class Classifier {
    /// Images to logits.
    public let net: Sequential
    /// The shape of one input image, (C, H, W).
    public let imageShape: [Int]
    /// The loss, which keeps the last forward's probabilities.
    let loss = SoftmaxCrossEntropy()

    /// Wraps a stack whose output is one logit per class.
    public init(net: Sequential, imageShape: [Int]) {
        self.net = net
        self.imageShape = imageShape
    }

    /// Every parameter with its PyTorch state_dict name, in registration order.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        net.namedParameters.map { ("net.\($0.name)", $0.parameter) }
    }

    /// Every buffer (BatchNorm running statistics) with its state_dict name.
    public var namedBuffers: [Buffer] {
        net.buffers.map { Buffer(name: "net.\($0.name)", value: $0.value, isInteger: $0.isInteger) }
    }

    /// The learnable tensors, for the optimiser.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }
    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
    /// The layers that draw random numbers while training.
    public var stochasticLayers: [any StochasticLayer] { net.stochasticLayers }

    /// Switches every layer between training (dropout on, batch statistics) and evaluation.
    public var isTraining: Bool {
        get { net.isTraining }
        set { net.isTraining = newValue }
    }

    /// One forward pass and its loss against `labels` (one per image, each below the class count).
    public func forward(images: Tensor, labels: [UInt8]) -> ClassifierLoss {
        let mean = loss.forward(logits: net.forward(images), labels: labels)
        return ClassifierLoss(
            total: mean * Double(labels.count), correct: loss.correctPredictions, images: labels.count)
    }

    /// Back-propagates the last forward's mean loss into every parameter's gradient.
    public func backward() {
        // The input is data: no gradient with respect to it is needed.
        net.backwardToParameters(gradOutput: loss.backward())
    }

    /// softmax of the last forward's logits, (N, K).
    public var probabilities: Tensor? { loss.probabilities }
}

/// One optimisation step of a classifier on a batch: forward, backward of the mean cross-entropy,
/// and an Adam update that also clears the gradients for the next step, as `TrainingStep` does for
/// a VAE; every buffer it touches is allocated once and reused.
public final class ClassifierStep {
    /// The model trained.
    public let model: Classifier
    /// The optimiser over all of the model's parameters.
    public let optimizer: Adam
    private var gradientsAreClear = false

    /// Creates a step with Adam at `learningRate` and PyTorch's other defaults.
    public init(model: Classifier, learningRate: Float) {
        self.model = model
        optimizer = Adam(parameters: model.parameters, learningRate: learningRate)
    }

    /// Trains on one batch; returns its loss as measured before the update.
    @discardableResult
    public func run(images: Tensor, labels: [UInt8]) -> ClassifierLoss {
        model.isTraining = true
        if !gradientsAreClear { optimizer.zeroGrad() }
        let loss = model.forward(images: images, labels: labels)
        model.backward()
        optimizer.step(clearingGradients: true)
        gradientsAreClear = true
        return loss
    }
}
