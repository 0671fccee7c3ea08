import Dispatch
import Engine

/// Times, each alone, the passes the classifier convnet (issue 28) adds to the engine, on its
/// shapes at `batch` images: MaxPool2d(2) after each convolution (32×26×26 and 64×11×11 planes),
/// Dropout(0.5) and Linear(1600, 10) with and without bias on the 1,600 flattened features, and
/// softmax cross-entropy over 10 classes; AvgPool2d(2) on the same planes for comparison, and
/// LeNet's 5×5 convolutions (stride 1, no padding) on the same images: Conv2d(1, 32, 5) on 28×28
/// and Conv2d(32, 64, 5) on its pooled 12×12 planes. Each row is the median of `repeats` runs
/// after two warm-up runs.
func classifierPassRows(batch: Int, repeats: Int) -> [ProfileRow] {
    var generator = SeededGenerator(seed: 3)
    let layers: [(input: Shape, layer: any Layer)] = [
        (Shape(batch, 32, 26, 26), MaxPool2d(kernelSize: 2)),
        (Shape(batch, 64, 11, 11), MaxPool2d(kernelSize: 2)),
        (Shape(batch, 32, 26, 26), AvgPool2d(kernelSize: 2)),
        (Shape(batch, 64, 11, 11), AvgPool2d(kernelSize: 2)),
        (Shape(batch, 1600), Dropout(probability: 0.5, generator: &generator)),
        (Shape(batch, 1600), Linear(1600, 10, bias: false, generator: &generator)),
        (Shape(batch, 1600), Linear(1600, 10, generator: &generator)),
        (Shape(batch, 1, 28, 28), Conv2d(1, 32, kernelSize: 5, generator: &generator)),
        (Shape(batch, 32, 12, 12), Conv2d(32, 64, kernelSize: 5, generator: &generator)),
    ]
    var rows: [ProfileRow] = []
    func row(_ part: String, _ pass: String, _ body: () -> Void) -> ProfileRow {
        body()
        body()
        let times = (0..<repeats).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        return ProfileRow(
            model: "classifier", part: part, pass: pass, milliseconds: times.sorted()[repeats / 2], flops: 0)
    }
    for (shape, layer) in layers {
        let input = uniform(shape, &generator), gradOutput = uniform(layer.outputShape(for: shape), &generator)
        let part = "\(layer.description) on \(shape)"
        rows.append(row(part, "forward") { _ = layer.forward(input) })
        rows.append(row(part, "backward") { _ = layer.backward(gradOutput: gradOutput) })
    }
    let logits = uniform(Shape(batch, 10), &generator)
    let labels = (0..<batch).map { _ in UInt8(generator.nextInt(below: 10)) }
    let loss = SoftmaxCrossEntropy()
    let pass = BenchMessages.lossPass(logits.shape)
    rows.append(row(pass, "forward") { _ = loss.forward(logits: logits, labels: labels) })
    rows.append(row(pass, "backward") { _ = loss.backward() })
    return rows
}

/// The rows as a Markdown table.
func classifierPassTable(_ rows: [ProfileRow]) -> String {
    let lines = rows.map { "| \($0.part) | \($0.pass) | \(String(format: "%.3f", $0.milliseconds)) |" }
    return (["| layer | pass | ms |", "| --- | --- | ---: |"] + lines).joined(separator: "\n")
}

private func uniform(_ shape: Shape, _ generator: inout SeededGenerator) -> Tensor {
    let tensor = Tensor(zeros: shape)
    for i in 0..<tensor.count { tensor[i] = generator.nextUniform(from: -1, to: 1) }
    return tensor
}
