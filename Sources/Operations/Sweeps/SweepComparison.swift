import Runner

/// The table `compare_fits` shows: one row per setting of a sweep, the setting's axis values,
/// its number of seeds, and for each statistic its mean over the seeds and, beside it, their
/// sample standard deviation (see `SeedStatistics`).
///
/// Mean and spread are two numeric columns rather than one "104.2 ± 0.8" text cell, so the
/// report formats each column's numbers alike, lines up their decimal points and keeps them
/// numbers for anyone reading the run record. One seed leaves its ± cell empty.
struct SweepComparison: Equatable {
    /// One setting: its axis values as written in the notebook, and each seed's statistics.
    struct Setting: Equatable {
        /// The value on each non-seed axis, as the notebook writes it (`0.5`).
        let values: [String]
        /// Per seed, one number per statistic.
        let seeds: [[Double]]
    }

    /// The model's name, shown in the first column.
    let model: String
    /// The non-seed axes' names (`beta`).
    let axes: [String]
    /// The statistics' column names (`test loss`).
    let statistics: [String]
    /// Whether the first statistic, which ranks the rows, is better higher (accuracy).
    let higherIsBetter: Bool
    /// The settings, in the order the sweep gives them.
    let settings: [Setting]

    /// The statistic `index` of each setting over its seeds.
    func summary(of setting: Setting, statistic index: Int) -> SeedStatistics {
        SeedStatistics(setting.seeds.map { $0[index] })
    }

    /// The position of the best setting by the first statistic's mean; `nil` when there is only
    /// one setting, which is best of nothing, or when no mean is finite.
    var best: Int? {
        guard settings.count > 1 else { return nil }
        let means = settings.map { summary(of: $0, statistic: 0).mean }
        let ranked = means.indices.filter { means[$0].isFinite }
        return higherIsBetter
            ? ranked.max { means[$0] < means[$1] }
            : ranked.min { means[$0] < means[$1] }
    }

    /// The table, starring the best row in its last column.
    func table() -> DisplayTable {
        let best = best
        let rows = settings.enumerated().map { index, setting -> [DisplayTable.Cell] in
            let coordinates = setting.values.map { Double($0).map(DisplayTable.Cell.number) ?? .text($0) }
            let numbers = statistics.indices.flatMap { statistic -> [DisplayTable.Cell] in
                let summary = summary(of: setting, statistic: statistic)
                return [.number(summary.mean), summary.standardDeviation.map(DisplayTable.Cell.number) ?? .text("")]
            }
            return [.text(model)] + coordinates + [.number(Double(setting.seeds.count))] + numbers
                + [.text(index == best ? "★" : "")]
        }
        let columns =
            ["model"] + axes + ["n"] + statistics.flatMap { [$0, "\($0) ± std"] } + ["best"]
        return DisplayTable(columns: columns, rows: rows)
    }
}
