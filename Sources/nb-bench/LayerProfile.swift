import Dispatch
import Engine

/// One row of the per-layer table: a layer's pass, or one of the step's other passes.
struct ProfileRow: Codable {
    let model: String
    /// `encoder.0 Conv2d(1, 32, …)`, `Adam step`.
    let part: String
    /// `forward`, `input gradient`, `weight gradient`, `backward` or `update`.
    let pass: String
    /// The median over the repeats.
    let milliseconds: Double
    /// Direct-algorithm FLOPs of the pass's matrix products (0 for passes without one).
    let flops: Int

    var gflops: Double { flops == 0 ? 0 : Double(flops) / milliseconds / 1e6 }
}

/// Times each layer's forward, input-gradient and weight-gradient pass, and the loss,
/// reparameterisation and Adam passes (Adam clearing the gradients as in training), each alone
/// and repeated on the shapes of a training step.
///
/// The input gradient is the median difference between a backward pass with and without it, run
/// alternately; the weight gradient includes the bias gradient and dy's re-layout.
struct LayerProfile {
    let name: String
    let model: VariationalAutoencoder
    let step: TrainingStep
    let images: Tensor
    let repeats: Int

    func rows() -> [ProfileRow] {
        let timer = PassTimer(
            name: name, repeats: repeats, firstLearnable: model.encoder.layers.first { !$0.parameters.isEmpty })
        var rows: [ProfileRow] = []
        var generator = SeededGenerator(seed: 2)
        var stages: [(part: String, layer: any Layer, input: Tensor)] = []
        var x = images
        for (index, layer) in model.encoder.layers.enumerated() {
            stages.append(("encoder.\(index) \(layer.description)", layer, x))
            x = layer.forward(x)
        }
        stages.append(("fc_mu \(model.meanHead.description)", model.meanHead, x))
        stages.append(("fc_logvar \(model.logVarianceHead.description)", model.logVarianceHead, x))
        let mean = model.meanHead.forward(x).copy(), logVariance = model.logVarianceHead.forward(x).copy()
        var z = timer.random(Shape(images.shape[0], model.latent), &generator)
        for (index, layer) in model.decoder.layers.enumerated() {
            stages.append(("decoder.\(index) \(layer.description)", layer, z))
            z = layer.forward(z)
        }
        let logits = z.copy()
        for stage in stages { rows += timer.layerRows(stage.part, stage.layer, stage.input, &generator) }

        let bce = BinaryCrossEntropyWithLogits()
        rows.append(timer.timed(BenchMessages.bceLoss, "forward") { _ = bce.forward(logits: logits, target: images) })
        rows.append(timer.timed(BenchMessages.bceLoss, "backward") { _ = bce.backward(scale: 0.01) })
        let kl = KLDivergence()
        rows.append(timer.timed("loss: KL", "forward") { _ = kl.forward(mean: mean, logVariance: logVariance) })
        rows.append(timer.timed("loss: KL", "backward") { _ = kl.backward(scale: 0.01) })
        let reparameterization = Reparameterization()
        var noise = SeededGenerator(seed: 3)
        rows.append(
            timer.timed("reparameterisation", "forward") {
                _ = reparameterization.forward(mean: mean, logVariance: logVariance, generator: &noise)
            })
        let gradZ = timer.random(mean.shape, &generator)
        rows.append(timer.timed("reparameterisation", "backward") { _ = reparameterization.backward(gradZ: gradZ) })
        // As in training: the update also clears the gradients, so no zeroing pass of its own.
        rows.append(
            timer.timed("Adam step", BenchMessages.updateAndClear) { step.optimizer.step(clearingGradients: true) })
        return rows
    }
}

/// Times passes alone, repeated: each layer's forward, input-gradient and weight-gradient pass,
/// or any other pass of a step, with the FLOPs of its matrix products.
struct PassTimer {
    /// The model's name in the rows.
    let name: String
    let repeats: Int
    /// The model's first learnable layer, whose input gradient training never computes.
    let firstLearnable: (any Layer)?

    func layerRows(
        _ part: String, _ layer: any Layer, _ input: Tensor, _ generator: inout SeededGenerator
    ) -> [ProfileRow] {
        let output = layer.forward(input)
        let gradOutput = random(output.shape, &generator)
        var rows = [timed(part, "forward") { _ = layer.forward(input) }]
        guard layer is Linear || layer is Conv2d || layer is ConvTranspose2d else {
            rows.append(timed(part, "backward") { _ = layer.backward(gradOutput: gradOutput) })
            return rows
        }
        let weightOnly = { layer.backwardToParameters(gradOutput: gradOutput) }
        // Training never computes the input gradient of the encoder's first learnable layer.
        guard layer !== firstLearnable else {
            return rows + [timed(part, "weight gradient", weightOnly)]
        }
        let both = { _ = layer.backward(gradOutput: gradOutput) }
        let weightFlops = countedFlops(weightOnly), bothFlops = countedFlops(both)
        // Alternate the two backward passes, so a slow minute on a shared machine hits both
        // alike, and take the median of each run's difference rather than of two medians.
        var weightTimes: [Double] = [], differences: [Double] = []
        for _ in 0..<repeats {
            let weight = milliseconds(weightOnly)
            weightTimes.append(weight)
            differences.append(milliseconds(both) - weight)
        }
        return rows + [
            ProfileRow(
                model: name, part: part, pass: "weight gradient", milliseconds: median(weightTimes), flops: weightFlops),
            ProfileRow(
                model: name, part: part, pass: "input gradient", milliseconds: max(median(differences), 0),
                flops: bothFlops - weightFlops),
        ]
    }

    /// The median time of `repeats` runs of `body` (after two warm-up runs), and the FLOPs of one run's products.
    func timed(_ part: String, _ pass: String, _ body: () -> Void) -> ProfileRow {
        let flops = countedFlops(body)
        let times = (0..<repeats).map { _ in milliseconds(body) }
        return ProfileRow(model: name, part: part, pass: pass, milliseconds: median(times), flops: flops)
    }

    /// The FLOPs of one run's matrix products, counted on the second of two warm-up runs.
    private func countedFlops(_ body: () -> Void) -> Int {
        body()
        GemmRecorder.calls = []
        body()
        let flops = (GemmRecorder.calls ?? []).reduce(0) { $0 + $1.flops }
        GemmRecorder.calls = nil
        return flops
    }

    private func milliseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    func random(_ shape: Shape, _ generator: inout SeededGenerator) -> Tensor {
        let tensor = Tensor(zeros: shape)
        for i in 0..<tensor.count { tensor[i] = generator.nextUniform(from: -0.1, to: 0.1) }
        return tensor
    }
}
