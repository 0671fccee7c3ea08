import Engine
import Runner

/// What a sweep comes to: its comparison table, `compare_fits(fits, on: test)`, and the prose's
/// aggregates, `` `{nb} mean(test_loss(fits, on: test))` ``, `std(…)` and `best(…)`.
///
/// Each takes its sweep through a gathering parameter, so the statement receives every member
/// at once and is not itself swept: that is what makes a swept value legal in the prose here.
/// The table is `compare_fits` rather than `compare`, because `compare(a, b, less:, greater:)`
/// already words two numbers for sentences, notebooks use it, and operations are looked up by
/// name alone.
enum SweepOperations {
    static let all = [compareFits, mean, standardDeviation, best]

    static let compareFits = OperationSpec(
        name: "compare_fits",
        doc: "One row per setting of a sweep of fits: its seeds (n), and the mean and sample standard deviation "
            + "over seeds of test loss, BCE and KL (VAEs) or accuracy and loss (classifiers); the best row starred.",
        parameters: [.positional("fits", .fit).gathering(), .labelled("on", .dataset)],
        result: .table, version: 1, precheck: FitPrecheck.make(.same, data: "on")
    ) { arguments, _ in
        let sweep = try arguments.sweep("fits")
        let data = try arguments.domain("on", as: DatasetValue.self)
        let fits = try sweep.members.map { try fit($0) }
        for fit in fits { try data.requireShape(of: fit, argument: "on") }
        let autoencoders = fits.first?.spec.isAutoencoder ?? true
        let images = data.tensor()
        let settings = try sweep.settings().map { setting in
            SweepComparison.Setting(
                values: labels(of: sweep, setting.setting),
                seeds: try setting.members.map { member in
                    let fit = try fit(member)
                    if autoencoders {
                        let evaluation = try fit.autoencoder(for: "compare_fits").evaluate(images: images)
                        let n = Double(max(evaluation.loss.images, 1))
                        return [
                            evaluation.lossPerImage(beta: Double(fit.record.configuration.beta)),
                            evaluation.loss.reconstruction / n, evaluation.loss.divergence / n,
                        ]
                    }
                    let evaluation = try fit.classifier(for: "compare_fits").evaluate(
                        images: images, labels: data.examples.labels)
                    return [evaluation.accuracy, evaluation.lossPerImage]
                })
        }
        let comparison = SweepComparison(
            model: fits.first?.name ?? "", axes: sweep.axes.filter { !$0.isSeed }.map(\.name),
            statistics: autoencoders ? ["test loss", "test BCE", "test KL"] : ["test accuracy", "test loss"],
            higherIsBetter: !autoencoders, settings: settings)
        return .domain(TableValue(comparison.table()))
    }

    static let mean = OperationSpec(
        name: "mean", doc: "The mean of a swept number over all its members (settings and seeds).",
        parameters: [.positional("values", .float).gathering()], result: .float, version: 1
    ) { arguments, _ in
        .float(SeedStatistics(try finite(arguments.sweep("values"), of: "mean")).mean)
    }

    static let standardDeviation = OperationSpec(
        name: "std",
        doc: "The sample standard deviation (n − 1, as pandas) of a swept number over all its members.",
        parameters: [.positional("values", .float).gathering()], result: .float, version: 1
    ) { arguments, _ in
        let values = try finite(arguments.sweep("values"), of: "std")
        guard let spread = SeedStatistics(values).standardDeviation else {
            throw SweepError.tooFewForSpread(count: values.count)
        }
        return .float(spread)
    }

    static let best = OperationSpec(
        name: "best",
        doc:
            "The setting of a swept number with the lowest mean over seeds (highest with highest: true): \"beta 0.5\".",
        parameters: [
            .positional("values", .float).gathering(), .labelled("highest", .bool, default: .bool(false)),
        ],
        result: .string, version: 1
    ) { arguments, _ in
        let sweep = try arguments.sweep("values")
        let settings = sweep.settings()
        guard settings.count > 1 else { throw SweepError.noSettingsToRank }
        let means = try settings.map { setting in
            SeedStatistics(
                try setting.members.map { member in
                    try number(member, of: "best", at: sweep.label(ofSetting: setting.setting))
                }
            ).mean
        }
        let highest = try arguments.bool("highest")
        let winner = means.indices.min { highest ? means[$0] > means[$1] : means[$0] < means[$1] } ?? 0
        let axes = sweep.axes.filter { !$0.isSeed }
        return .string(
            zip(axes, settings[winner].setting).map { "\($0.name) \($0.labels[$1])" }.joined(separator: ", "))
    }

    /// The fit a member holds.
    private static func fit(_ member: SweepValue.Member) throws -> FitValue {
        try Arguments(["fit": member.value], operation: "compare_fits").domain("fit", as: FitValue.self)
    }

    /// The values of `setting` on the sweep's non-seed axes, as the notebook writes them.
    private static func labels(of sweep: SweepValue, _ setting: [Int]) -> [String] {
        zip(sweep.axes.filter { !$0.isSeed }, setting).map { $0.labels[$1] }
    }

    /// Every member's number, refusing NaN and infinities, which no sentence can state.
    private static func finite(_ sweep: SweepValue, of operation: String) throws -> [Double] {
        try sweep.members.map { member in
            try number(member, of: operation, at: sweep.axes.isEmpty ? "" : label(member, in: sweep))
        }
    }

    /// A member's finite number.
    private static func number(_ member: SweepValue.Member, of operation: String, at setting: String) throws -> Double {
        let value = try Arguments(["value": member.value], operation: operation).float("value")
        guard value.isFinite else { throw SweepError.notFinite(operation: operation, setting: setting) }
        return value
    }

    /// `beta=0.5, seed=2`.
    private static func label(_ member: SweepValue.Member, in sweep: SweepValue) -> String {
        SweepGrid(axes: sweep.axes).label(member.coordinates)
    }
}
