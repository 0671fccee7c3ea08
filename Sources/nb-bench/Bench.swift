import ArgumentParser
import COpenBLAS
import Datasets
import Engine
import Files
import Foundation

/// Times training steps of the two reference VAEs on real MNIST batches and compares the
/// achieved FLOP rate with what `cblas_sgemm` reaches on the same matrix shapes alone.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nb-bench",
        abstract: "Training throughput of the reference VAEs on shuffled MNIST batches, against the sgemm rate.")

    @Option(help: "Timed training steps per model (after the warm-up).")
    var steps = 40

    @Option(help: "Warm-up steps per model.")
    var warmup = 5

    @Option(help: "Images per step.")
    var batch = 128

    @Option(help: "Models to time: mlp, cnn, classifier (the convnet of Notebooks/classifier_compare.md).")
    var models = ["mlp", "cnn"]

    @Flag(
        help: "Also time every pass alone, then each layer inside training steps (Markdown tables).")
    var layers = false

    @Flag(
        help: "Also time the classifier convnet's new passes alone: pooling, dropout, cross-entropy (Markdown table).")
    var classifierPasses = false

    @Option(help: "Repeats per pass for --layers (the median is reported).")
    var repeats = 15

    @Option(name: .customLong("gemm"), help: "Which code does the matrix products: packed (nb's own) or openblas.")
    var kernel = GemmKernel.packed

    @Option(help: "Also write the results as JSON to this file.")
    var json: String?

    @Option(help: "Time only this image folder instead: its check (listing and one header) and its full read.")
    var imageFolder: String?

    @Option(help: "Time checking and reading this CSV table instead of training (medians of 5 rounds).")
    var csv: String?

    @Option(help: "The label column of the --csv table.")
    var csvLabel = "label"

    @Option(help: "Time checking and reading this .npy, .npz (x_train, y_train) or CIFAR-10 folder instead.")
    var arrays: String?

    func run() throws {
        GemmKernel.current = kernel
        if let arrays { return try measureArrays(path: arrays) }
        if let imageFolder {
            return print(BenchMessages.imageFolderLine(try ImageFolderTiming(path: imageFolder, repeats: 21, reads: 5)))
        }
        if let csv { return try measureCSV(path: csv, label: csvLabel) }
        let data = try LabeledExamples.load(.mnist, split: .train)
        var results: [ModelResult] = []
        for name in models {
            var result: ModelResult
            if name == "classifier" {
                result = try measureClassifier(data: data)
            } else {
                var generator = SeededGenerator(seed: 0)
                let model =
                    name == "mlp"
                    ? VariationalAutoencoder.mlp(hidden: [400, 400], latent: 20, generator: &generator)
                    : VariationalAutoencoder.cnn(channels: [32, 64, 64], latent: 20, generator: &generator)
                let step = TrainingStep(model: model, learningRate: 1e-3, beta: 1)
                var batches = FullBatches(of: data, batchSize: batch, seed: 0)
                var noise = SeededGenerator(seed: 1)
                result = measure(name: name, parameters: model.parameterCount, data: data) {
                    step.run(images: batches.next(), generator: &noise)
                }
                print(BenchMessages.modelLine(result))
                if layers {
                    let rows = profile(name: name, model: model, data: data)
                    result.layers = rows
                    print(BenchMessages.profileTable(rows, stepMilliseconds: result.medianMillisecondsPerStep))
                    result.inStep = inStepRows(model: model, data: data, batch: batch, steps: steps, alone: rows)
                    print(BenchMessages.inStepTable(result.inStep ?? []))
                }
            }
            results.append(result)
        }
        if classifierPasses { print(classifierPassTable(classifierPassRows(batch: batch, repeats: repeats))) }
        let report = BenchReport(
            date: ISO8601DateFormatter().string(from: Date()), cpu: cpuName(), threads: Parallelism.cores,
            coretype: ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)",
            openblasCore: String(cString: openblas_get_corename()), batch: batch,
            peakMemoryMB: peakMemoryMegabytes(), models: results)
        print(BenchMessages.memoryLine(report))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(encoder.encode(report), to: URL(fileURLWithPath: json))
        }
    }

    /// Times `step` (which draws its own batch, so the gather is timed with it) after the warm-up,
    /// and counts one step's matrix products for the FLOP rates.
    func measure(name: String, parameters: Int, data: LabeledExamples, step: () -> Void) -> ModelResult {
        for _ in 0..<warmup { step() }
        GemmRecorder.calls = []
        step()
        let calls = GemmRecorder.calls ?? []
        GemmRecorder.calls = nil

        var stepTimes: [Double] = []
        stepTimes.reserveCapacity(steps)
        for _ in 0..<steps {
            // The shuffled batch's gather is timed too, as PyTorch's `x[order[…]]` is.
            let start = DispatchTime.now().uptimeNanoseconds
            step()
            stepTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let secondsPerStep = stepTimes.reduce(0, +) / Double(steps)
        let medianSeconds = stepTimes.sorted()[steps / 2]
        let flopsPerStep = calls.reduce(0) { $0 + $1.flops }
        let sgemm = sgemmRate(of: calls)
        return ModelResult(
            model: name, parameters: parameters, millisecondsPerStep: secondsPerStep * 1000,
            medianMillisecondsPerStep: medianSeconds * 1000,
            imagesPerSecond: Double(batch) / medianSeconds, meanImagesPerSecond: Double(batch) / secondsPerStep,
            secondsPerEpoch: secondsPerStep * Double(data.count) / Double(batch),
            megaflopsPerImage: Double(flopsPerStep) / Double(batch) / 1e6,
            achievedGflops: Double(flopsPerStep) / medianSeconds / 1e9,
            sgemmGflops: sgemm.openblasThreads, engineSgemmGflops: sgemm.engine)
    }

    /// The per-layer rows, on a fresh step of the model over one real batch.
    private func profile(name: String, model: VariationalAutoencoder, data: LabeledExamples) -> [ProfileRow] {
        var batches = FullBatches(of: data, batchSize: batch, seed: 0)
        let images = batches.next()
        let step = TrainingStep(model: model, learningRate: 1e-3, beta: 1)
        var noise = SeededGenerator(seed: 1)
        step.run(images: images, generator: &noise)
        return LayerProfile(name: name, model: model, step: step, images: images, repeats: repeats).rows()
    }

    /// The rate the best of two ways of running these products reaches on exactly them, back to
    /// back: `cblas_sgemm` with OpenBLAS's own threads on each whole product, and the engine's
    /// `gemm` (one block per core, each by `GemmKernel.current`).
    private func sgemmRate(of calls: [GemmCall]) -> (openblasThreads: Double, engine: Double) {
        let largest = calls.map { max($0.m * $0.k, $0.k * $0.n, $0.m * $0.n) }.max() ?? 1
        let a = Tensor(zeros: [largest]), b = Tensor(zeros: [largest]), c = Tensor(zeros: [largest])
        for i in 0..<largest { a[i] = Float(i % 7) * 0.1; b[i] = Float(i % 5) * 0.1 }
        func rate(_ product: (GemmCall) -> Void) -> Double {
            for _ in 0..<3 { calls.forEach(product) }
            let repeats = 20
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats { calls.forEach(product) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return Double(calls.reduce(0) { $0 + $1.flops } * repeats) / seconds / 1e9
        }
        let engine = rate { call in
            gemm(
                transposeA: call.transposeA, transposeB: call.transposeB, m: call.m, n: call.n, k: call.k,
                a.data, b.data, beta: call.accumulates ? 1 : 0, c.data)
        }
        let openblasThreads = rate { call in
            openBLASThreadedGemm(
                threads: Parallelism.cores, transposeA: call.transposeA, transposeB: call.transposeB, m: call.m,
                n: call.n, k: call.k, a.data, b.data, beta: call.accumulates ? 1 : 0, c.data)
        }
        return (openblasThreads, engine)
    }
}

/// One model's measurements.
struct ModelResult: Codable {
    let model: String
    let parameters: Int
    let millisecondsPerStep: Double
    /// The median step: what the engine does when the machine's other tenants are quiet.
    let medianMillisecondsPerStep: Double
    /// From the median step, so a slow moment of the shared machine does not count.
    let imagesPerSecond: Double
    /// From the mean step.
    let meanImagesPerSecond: Double
    let secondsPerEpoch: Double
    let megaflopsPerImage: Double
    /// From the median step.
    let achievedGflops: Double
    /// `cblas_sgemm` alone on the step's products, with OpenBLAS's own threads.
    let sgemmGflops: Double
    /// The same through the engine's `gemm`, which cuts each product across cores itself.
    let engineSgemmGflops: Double
    /// Each pass timed alone, with `--layers`.
    var layers: [ProfileRow]?
    /// Each encoder and decoder layer timed inside training steps, with `--layers`.
    var inStep: [InStepRow]?
}

/// The whole run, as JSON.
struct BenchReport: Codable {
    let date: String
    let cpu: String
    let threads: Int
    let coretype: String
    let openblasCore: String
    let batch: Int
    let peakMemoryMB: Int
    let models: [ModelResult]
}

private func cpuName() -> String {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    return line.map { $0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? "" }?
        .trimmingCharacters(in: .whitespaces) ?? "unknown"
}

private func peakMemoryMegabytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
}

extension GemmKernel: ExpressibleByArgument {}
