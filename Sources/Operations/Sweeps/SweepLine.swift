import Figures
import Runner

/// What a figure draws of swept fits: one line (or image row) per setting, named by the model and
/// the setting, and a setting's seeds averaged into that line.
///
/// A fit that is not swept arrives as a sweep of one member and no axes, so it is one line of
/// one seed, named and coloured as before sweeps.
struct SweepLine {
    /// `MLP VAE`, or `MLP VAE beta=0.5` for a setting of a sweep.
    let name: String
    /// The setting's fits, one per seed.
    let fits: [FitValue]
    /// Its colour: the model's, moved along the palette by the setting's position.
    let colorSlot: Int

    /// Each setting of each sweep, in order, for `operation`, which names itself in errors.
    static func lines(_ sweeps: [SweepValue], for operation: String) throws -> [SweepLine] {
        try sweeps.flatMap { sweep in
            try sweep.settings().enumerated().map { index, setting in
                let fits = try setting.members.map {
                    try Arguments(["fit": $0.value], operation: operation).domain("fit", as: FitValue.self)
                }
                let label = sweep.label(ofSetting: setting.setting)
                let model = fits.first?.name ?? ""
                return SweepLine(
                    name: label.isEmpty ? model : "\(model) \(label)", fits: fits,
                    colorSlot: (fits.first?.spec.colorSlot ?? 0) + index)
            }
        }
    }

    /// Whether any of `sweeps` has more than one member, so its figures show settings and bands.
    static func isSwept(_ sweeps: [SweepValue]) -> Bool {
        sweeps.contains { $0.members.count > 1 }
    }

    /// Per epoch that every seed reached and has `value` for, the seeds' mean and, for two seeds or
    /// more, their sample standard deviation as the band's half-height; `x` places the epoch.
    func series(
        _ name: String, x: (EpochRecord) -> Double = { Double($0.epoch) }, dashed: Bool = false,
        _ value: (EpochRecord) -> Double?
    ) -> LineChart.Series? {
        let epochs = fits.map(\.history.count).min() ?? 0
        var points: [ChartPoint] = []
        var spread: [Double] = []
        for epoch in 0..<epochs {
            let values = fits.compactMap { value($0.history[epoch]) }
            guard values.count == fits.count else { continue }
            let statistics = SeedStatistics(values)
            points.append(ChartPoint(x: SeedStatistics(fits.map { x($0.history[epoch]) }).mean, y: statistics.mean))
            spread.append(statistics.standardDeviation ?? .nan)
        }
        guard !points.isEmpty else { return nil }
        return LineChart.Series(
            name: name, points: points, paletteIndex: colorSlot, dashed: dashed,
            spread: fits.count > 1 ? spread : nil)
    }
}
