import Engine
import Foundation

// Times training steps of both reference models at batch 128 after a warm-up.
let batch = 128
var generator = SeededGenerator(seed: 0)
let images = Tensor(zeros: [batch, 1, 28, 28])
for i in 0..<images.count { images[i] = generator.nextUniform() }
let models = [
    ("mlp", VariationalAutoencoder.mlp(hidden: [400, 400], latent: 20, generator: &generator)),
    ("cnn", VariationalAutoencoder.cnn(channels: [32, 64, 64], latent: 20, generator: &generator)),
]
for (name, model) in models {
    let step = TrainingStep(model: model, learningRate: 1e-3, beta: 1)
    for _ in 0..<5 { step.run(images: images, generator: &generator) }
    let steps = name == "mlp" ? 100 : 30
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<steps { step.run(images: images, generator: &generator) }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(
        "\(name): \(String(format: "%.2f", seconds / Double(steps) * 1000)) ms/step, \(Int(Double(steps * batch) / seconds)) images/s"
    )
}
