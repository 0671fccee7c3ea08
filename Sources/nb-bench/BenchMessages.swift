import Engine
import Foundation

/// What nb-bench prints: its result lines, its Markdown tables and the names of the step's
/// passes that are not layers, worded in one place.
enum BenchMessages {
    /// The loss's row in the per-pass table.
    static let bceLoss = "loss: BCE with logits"
    /// Adam's one pass, which also clears the gradients.
    static let updateAndClear = "update and clear"
    /// The in-step table's last row: what the step spends outside the encoder and decoder layers.
    static let restOfStep = "rest of the step: heads, reparameterisation, loss, Adam, batch gather"
    /// The same for the classifier, whose step has no heads.
    static let restOfClassifierStep = "rest of the step: loss, Adam, batch gather"

    /// The machine's line under the models' results.
    /// The name of the loss's row in the classifier's table: `softmax cross-entropy on (128, 10)`.
    static func lossPass(_ shape: Shape) -> String { "softmax cross-entropy on \(shape)" }

    /// A NumPy file's or CIFAR-10 folder's check time and read speed (of the values read).
    static func arraysLine(path: String, bytes: Int, checkSeconds: Double, readSeconds: Double) -> String {
        String(
            format: "%@: check %.2f ms, read %.1f ms = %.1f MB/s of values (medians of 7)", path, checkSeconds * 1000,
            readSeconds * 1000, Double(bytes) / 1e6 / readSeconds)
    }

    /// The CSV reader's check time and read speed on one table.
    static func csvLine(
        path: String, bytes: Int, rows: Int, features: Int, schemaSeconds: Double, readSeconds: Double
    ) -> String {
        String(
            format: "%@ (%.1f MB, %d rows × %d features): schema %.1f ms, read %.1f ms = %.1f MB/s (medians of 5)",
            path, Double(bytes) / 1e6, rows, features, schemaSeconds * 1000, readSeconds * 1000,
            Double(bytes) / 1e6 / readSeconds)
    }

    static func memoryLine(_ report: BenchReport) -> String {
        "peak memory \(report.peakMemoryMB) MB · OpenBLAS \(report.openblasCore), \(report.threads) threads"
    }

    /// An image folder's check time and read speed, on one line.
    static func imageFolderLine(_ timing: ImageFolderTiming) -> String {
        String(
            format: "image folder: %d images of %@; check (listing and one header) %.2f ms median of 21; "
                + "full read %.3f s median of 5, %.1f MB of decoded pixels/s",
            timing.count, timing.shape.description, timing.checkMilliseconds, timing.readSeconds,
            timing.megabytesPerSecond)
    }

    /// One model's timing and FLOP rates, on one line.
    static func modelLine(_ result: ModelResult) -> String {
        let best = max(result.sgemmGflops, result.engineSgemmGflops)
        return String(
            format: "%@: %.2f ms/step (median %.2f), %.0f images/s at the median step, %.1f s/epoch, "
                + "%.2f MFLOP/image, %.1f GFLOP/s (sgemm alone on the same shapes: %.1f GFLOP/s with OpenBLAS's threads, %.1f cut by the engine; "
                + "%.0f%% of the better)",
            result.model, result.millisecondsPerStep, result.medianMillisecondsPerStep, result.imagesPerSecond,
            result.secondsPerEpoch, result.megaflopsPerImage,
            result.achievedGflops,
            result.sgemmGflops, result.engineSgemmGflops, 100 * result.achievedGflops / best)
    }

    /// The rows as a Markdown table, with each row's share of the rows' total and the whole step beside it.
    static func profileTable(_ rows: [ProfileRow], stepMilliseconds: Double) -> String {
        let total = rows.reduce(0) { $0 + $1.milliseconds }
        var lines = [
            "| layer or pass | pass | ms | share | GFLOP/s |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        for row in rows {
            let rate = row.flops == 0 ? "" : String(format: "%.1f", row.gflops)
            lines.append(
                "| \(row.part) | \(row.pass) | \(String(format: "%.3f", row.milliseconds)) | "
                    + "\(String(format: "%.1f%%", 100 * row.milliseconds / total)) | \(rate) |")
        }
        lines.append(
            "| **sum of the rows** | | \(String(format: "%.2f", total)) | | "
                + String(format: "%.1f", Double(rows.reduce(0) { $0 + $1.flops }) / total / 1e6) + " |")
        lines.append("| **whole step (median)** | | \(String(format: "%.2f", stepMilliseconds)) | | |")
        return lines.joined(separator: "\n")
    }

    /// The rows as a Markdown table, with the mean whole step under them.
    static func inStepTable(_ rows: [InStepRow]) -> String {
        var lines = [
            "| layer, in the training step | forward, alone | forward, in step | backward, alone | backward, in step |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        let format = { (value: Double) in String(format: "%.3f", value) }
        for row in rows {
            let backward = row.isRestOfStep ? "| | |" : "| \(format(row.backwardAlone)) | \(format(row.backward)) |"
            lines.append("| \(row.part) | \(format(row.forwardAlone)) | \(format(row.forward)) \(backward)")
        }
        let total = rows.reduce(0) { $0 + $1.forward + $1.backward }
        let totalAlone = rows.reduce(0) { $0 + $1.forwardAlone + $1.backwardAlone }
        lines.append("| **all, forward and backward** | \(format(totalAlone)) | \(format(total)) | | |")
        return lines.joined(separator: "\n")
    }
}
