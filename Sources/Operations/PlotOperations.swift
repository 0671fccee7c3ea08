import Engine
import Figures
import Foundation
import Runner

/// The comparisons drawn as figures, each taking any number of fits: loss curves,
/// reconstructions, samples, interpolations and latent maps.
enum PlotOperations {
    static let all = [lossCurves, reconstructions, samples, interpolation, latentMap]

    private static func fits(_ arguments: Arguments) throws -> [FitValue] {
        try arguments.domains("fits", as: FitValue.self)
    }

    static let lossCurves = OperationSpec(
        name: "loss_curves",
        doc: "Train and validation loss per epoch, loss against training seconds, and a classifier's accuracy per "
            + "epoch; a sweep draws each setting's mean over seeds with a ± one standard deviation band, and a "
            + "VAE sweep also the loss's two parts.",
        parameters: [.variadic("fits", .fit).gathering()],
        result: .figure, version: 3, precheck: FitPrecheck.make(.same)
    ) { arguments, _ in
        let sweeps = try arguments.sweeps("fits")
        let lines = try SweepLine.lines(sweeps, for: "loss_curves")
        let swept = SweepLine.isSwept(sweeps)
        let band = swept ? SweepText.bandCaption : ""
        let classifies = lines.contains { $0.fits.contains { !$0.spec.isAutoencoder } }
        let byEpoch = LineChart(
            title: "Loss per epoch", xTitle: "epoch",
            yTitle: "loss per image (\(classifies ? "cross-entropy" : "BCE + β·KL"), nats)",
            series: perEpoch(lines, { $0.trainLoss }, { $0.validationLoss }), integerX: true)
        let bySecond = LineChart(
            title: "Loss against training time", xTitle: "training time (s)", yTitle: "train loss per image (nats)",
            series: lines.compactMap { line in line.series(line.name, x: { $0.elapsed }) { $0.trainLoss } })
        var figures = [
            FigureMaker.figure(
                svg: byEpoch.svg(), title: "Loss per epoch",
                caption: "Train loss (solid, averaged over each epoch) and validation loss (dashed, after each epoch)."
                    + band),
            FigureMaker.figure(
                svg: bySecond.svg(), title: "Loss against time",
                caption: "Train loss at the end of each epoch against seconds of training." + band),
        ]
        if classifies {
            let accuracy = LineChart(
                title: "Accuracy per epoch", xTitle: "epoch", yTitle: "accuracy (%)",
                series: perEpoch(
                    lines, { $0.trainAccuracy.map { $0 * 100 } }, { $0.validationAccuracy.map { $0 * 100 } }),
                integerX: true)
            figures.insert(
                FigureMaker.figure(
                    svg: accuracy.svg(), title: "Accuracy per epoch",
                    caption: "Train accuracy (solid, over each epoch's batches in training mode) and validation "
                        + "accuracy (dashed, after each epoch)." + band),
                at: 1)
        } else if swept {
            figures.insert(contentsOf: lossParts(lines, band: band), at: 1)
        }
        return .domain(FigureValue(figures))
    }

    /// A VAE sweep's reconstruction and KL per epoch, each setting's seed mean with its band: the
    /// two parts of the loss that β trades against each other.
    private static func lossParts(_ lines: [SweepLine], band: String) -> [DisplayFigure] {
        let reconstruction = LineChart(
            title: "Reconstruction per epoch", xTitle: "epoch", yTitle: "train BCE per image (nats)",
            series: lines.compactMap { line in line.series(line.name) { $0.trainReconstruction } }, integerX: true)
        let divergence = LineChart(
            title: "KL per epoch", xTitle: "epoch", yTitle: "train KL per image (nats)",
            series: lines.compactMap { line in line.series(line.name) { $0.trainDivergence } }, integerX: true)
        return [
            FigureMaker.figure(
                svg: reconstruction.svg(), title: "Reconstruction per epoch",
                caption: "The reconstruction part of the train loss (BCE), averaged over each epoch." + band),
            FigureMaker.figure(
                svg: divergence.svg(), title: "KL per epoch",
                caption: "The KL part of the train loss, before weighting by β, averaged over each epoch." + band),
        ]
    }

    /// Per line, a solid line of `train` and, where the history has them, a dashed line of
    /// `validation`, both per epoch and in the line's colour.
    private static func perEpoch(
        _ lines: [SweepLine], _ train: (EpochRecord) -> Double?, _ validation: (EpochRecord) -> Double?
    ) -> [LineChart.Series] {
        lines.flatMap { line in
            [
                line.series("\(line.name) train", train),
                line.series("\(line.name) validation", dashed: true, validation),
            ].compactMap { $0 }
        }
    }

    static let reconstructions = OperationSpec(
        name: "reconstructions",
        doc: "The first images of a data set, then each fit's reconstruction of them (decoding z = μ); a sweep "
            + "shows one row per setting, from its first seed.",
        parameters: [
            .variadic("fits", .fit).gathering(), .labelled("images", .dataset),
            .labelled("count", .int, default: .int(10), .between(1, 100)),
        ],
        result: .figure, version: 4, precheck: FitPrecheck.make(.autoencoder, data: "images", drawsImages: true)
    ) { arguments, _ in
        let rows = try SweepLine.lines(try arguments.sweeps("fits"), for: "reconstructions")
        let fits = rows.compactMap(\.fits.first)
        let data = try arguments.domain("images", as: DatasetValue.self)
        for fit in fits { try data.requireShape(of: fit, argument: "images", drawing: "reconstructions") }
        let count = min(try arguments.int("count"), data.examples.count)
        let originals = data.tensor(limit: count)
        var pixels = originals.values
        for fit in fits { pixels += try fit.autoencoder(for: "reconstructions").reconstructionPixels(of: originals) }
        let grid = try ImageGrid(
            images: pixels, imageWidth: data.examples.width, imageHeight: data.examples.height,
            channels: data.examples.channels, columns: count,
            scale: 2,
            gapColor: FigureMaker.gridGap,
            rowLabels: ["original"] + rows.map(\.name),
            rowTints: [nil] + rows.map { Palette.seriesColor($0.colorSlot) })
        return .domain(
            FigureValue([
                try FigureMaker.figure(
                    grid, title: "Reconstructions",
                    caption: "Top row: the first \(count) images of \(data.title); below, each model's reconstruction.")
            ]))
    }

    static let samples = OperationSpec(
        name: "samples",
        doc: "Images decoded from random codes z ~ N(0, I), the same codes for every fit of the same latent size; "
            + "a sweep shows one row per setting, from its first seed.",
        parameters: [
            .variadic("fits", .fit).gathering(), .labelled("count", .int, default: .int(10), .between(1, 100)),
            .seed,
        ],
        result: .figure, version: 3, isRandom: true, precheck: FitPrecheck.make(.autoencoder, drawsImages: true)
    ) { arguments, context in
        let rows = try SweepLine.lines(try arguments.sweeps("fits"), for: "samples")
        let fits = rows.compactMap(\.fits.first)
        let count = try arguments.int("count")
        var pixels: [Float] = []
        for fit in fits {
            let model = try fit.autoencoder(for: "samples")
            var generator = SeededGenerator(seed: context.seed)
            let codes = Tensor(zeros: [count, model.latent])
            for i in 0..<codes.count { codes[i] = generator.nextGaussian() }
            pixels += model.decodedPixels(codes)
        }
        let shape = fits.first?.imageShape ?? [1, 28, 28]
        if let fit = fits.first, shape.count != 3 {
            throw TaskError.needsImages(operation: "samples", fit: fit.name, features: shape.reduce(1, *))
        }
        let grid = try ImageGrid(
            images: pixels, imageWidth: shape[2], imageHeight: shape[1], channels: shape[0], columns: count, scale: 2,
            gapColor: FigureMaker.gridGap,
            rowLabels: rows.map(\.name), rowTints: rows.map { Palette.seriesColor($0.colorSlot) })
        return .domain(
            FigureValue([
                try FigureMaker.figure(
                    grid, title: "Samples", caption: "\(count) codes drawn from N(0, I), decoded by each model.")
            ]))
    }

    static let interpolation = OperationSpec(
        name: "interpolation",
        doc: "Decoded points on the straight line between two images' latent means, for each fit.",
        parameters: [
            .variadic("fits", .fit), .labelled("images", .dataset),
            .labelled("from", .int, default: .int(0), .atLeast(0)),
            .labelled("to", .int, default: .int(1), .atLeast(0)),
            .labelled("steps", .int, default: .int(10), .between(2, 50)),
        ],
        result: .figure, version: 2, precheck: FitPrecheck.make(.autoencoder, data: "images", drawsImages: true)
    ) { arguments, _ in
        let fits = try fits(arguments)
        let data = try arguments.domain("images", as: DatasetValue.self)
        for fit in fits { try data.requireShape(of: fit, argument: "images", drawing: "interpolation") }
        let (from, to, steps) = (try arguments.int("from"), try arguments.int("to"), try arguments.int("steps"))
        for index in [from, to] where index >= data.examples.count {
            throw PlotError.imageOutOfRange(index: index, count: data.examples.count, dataset: data.title)
        }
        let ends = data.tensor(limit: max(from, to) + 1)
        var pixels: [Float] = []
        for fit in fits {
            let model = try fit.autoencoder(for: "interpolation")
            let means = model.latentMeans(of: ends).values
            let latent = model.latent
            let codes = interpolate(
                from: Array(means[from * latent..<(from + 1) * latent]),
                to: Array(means[to * latent..<(to + 1) * latent]),
                steps: steps)
            pixels += model.decodedPixels(codes)
        }
        let labels = (0..<steps).map { String(format: "%.2g", Double($0) / Double(steps - 1)) }
        let grid = try ImageGrid(
            images: pixels, imageWidth: data.examples.width, imageHeight: data.examples.height,
            channels: data.examples.channels, columns: steps,
            scale: 2,
            gapColor: FigureMaker.gridGap,
            rowLabels: fits.map(\.name), columnLabels: labels,
            rowTints: fits.map { Palette.seriesColor($0.spec.colorSlot) })
        return .domain(
            FigureValue([
                try FigureMaker.figure(
                    grid, title: "Latent interpolation",
                    caption: "From image \(from) to image \(to) of \(data.title): z = (1 − t)·μ₀ + t·μ₁, decoded.",
                    interpolates: true)
            ]))
    }

    static let latentMap = OperationSpec(
        name: "latent_map",
        doc: "Each image's latent mean projected to 2-D (its first two principal components), coloured by label.",
        parameters: [
            .variadic("fits", .fit), .labelled("images", .dataset),
            .labelled("limit", .int, default: .int(5000), .between(1, 100_000)),
        ],
        result: .figure, version: 3, precheck: FitPrecheck.make(.autoencoder, data: "images")
    ) { arguments, _ in
        let fits = try fits(arguments)
        let data = try arguments.domain("images", as: DatasetValue.self)
        for fit in fits { try data.requireShape(of: fit, argument: "images") }
        let count = min(try arguments.int("limit"), data.examples.count)
        let images = data.tensor(limit: count)
        let classes = data.examples.labels.prefix(count).map(Int.init)
        let figures = try fits.map { fit in
            let projected = principalComponents2D(try fit.autoencoder(for: "latent_map").latentMeans(of: images))
            let points = zip(projected.x, projected.y).map { ChartPoint(x: Double($0), y: Double($1)) }
            let chart = try ScatterChart(
                title: "\(fit.name): latent means", xTitle: "first principal component",
                yTitle: "second principal component", points: points, classes: classes,
                classNames: data.examples.classNames)
            return FigureMaker.figure(
                svg: chart.svg(), title: "Latent map \(fit.name)",
                caption: "μ of the first \(count.formatted()) images of \(data.title), "
                    + "projected onto their first two principal components.")
        }
        return .domain(FigureValue(figures))
    }
}
