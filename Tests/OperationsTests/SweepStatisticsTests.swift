import Runner
import Testing

@testable import Operations

@Suite struct SweepStatisticsTests {
    @Test(
        arguments: [
            // Σ(x − 5)² = 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, over n − 1 = 7.
            ([2, 4, 4, 4, 5, 5, 7, 9], 5, (32.0 / 7).squareRoot()),
            // (1 − 2)² + (3 − 2)² = 2, over 1.
            ([1, 3], 2, 2.0.squareRoot()),
            ([103.25, 103.25, 103.25], 103.25, 0),
        ] as [([Double], Double, Double)])
    func theMeanAndTheSampleStandardDeviationAreTheHandComputedOnes(
        values: [Double], mean: Double, deviation: Double
    ) {
        let statistics = SeedStatistics(values)
        #expect(statistics.mean == mean)
        #expect(statistics.standardDeviation == deviation)
        #expect(statistics.count == values.count)
    }

    @Test func oneSeedHasNoStandardDeviation() {
        let statistics = SeedStatistics([7])
        #expect(statistics.mean == 7 && statistics.standardDeviation == nil && statistics.count == 1)
    }

    @Test func aTwoByTwoSweepIsOneRowPerSettingWithMeansAndSpreadsAndTheLowestLossStarred() {
        let comparison = SweepComparison(
            model: "MLP VAE", axes: ["beta"], statistics: ["test loss", "test BCE", "test KL"], higherIsBetter: false,
            settings: [
                .init(values: ["0.5"], seeds: [[100, 90, 10], [102, 91, 11]]),
                .init(values: ["4"], seeds: [[110, 100, 2.5], [114, 104, 2.5]]),
            ])
        #expect(
            comparison.table()
                == DisplayTable(
                    columns: [
                        "model", "beta", "n", "test loss", "test loss ± std", "test BCE", "test BCE ± std", "test KL",
                        "test KL ± std", "best",
                    ],
                    rows: [
                        [
                            .text("MLP VAE"), .number(0.5), .number(2), .number(101), .number(2.0.squareRoot()),
                            .number(90.5), .number(0.5.squareRoot()), .number(10.5), .number(0.5.squareRoot()),
                            .text("★"),
                        ],
                        [
                            .text("MLP VAE"), .number(4), .number(2), .number(112), .number(8.0.squareRoot()),
                            .number(102), .number(8.0.squareRoot()), .number(2.5), .number(0), .text(""),
                        ],
                    ]))
    }

    @Test func theHighestAccuracyIsStarredAndOneSeedLeavesTheSpreadEmpty() {
        let comparison = SweepComparison(
            model: "CNN", axes: ["lr", "batch"], statistics: ["test accuracy", "test loss"], higherIsBetter: true,
            settings: [
                .init(values: ["0.001", "64"], seeds: [[0.91, 0.3]]),
                .init(values: ["0.01", "\"large\""], seeds: [[0.95, 0.2]]),
            ])
        #expect(
            comparison.table().rows == [
                [
                    .text("CNN"), .number(0.001), .number(64), .number(1), .number(0.91), .text(""), .number(0.3),
                    .text(""), .text(""),
                ],
                [
                    .text("CNN"), .number(0.01), .text("\"large\""), .number(1), .number(0.95), .text(""), .number(0.2),
                    .text(""), .text("★"),
                ],
            ])
    }

    @Test func oneSettingIsBestOfNothingAndIsNotStarred() {
        let comparison = SweepComparison(
            model: "MLP VAE", axes: [], statistics: ["test loss"], higherIsBetter: false,
            settings: [.init(values: [], seeds: [[100], [104]])])
        #expect(comparison.best == nil)
        #expect(
            comparison.table()
                == DisplayTable(
                    columns: ["model", "n", "test loss", "test loss ± std", "best"],
                    rows: [[.text("MLP VAE"), .number(2), .number(102), .number(8.0.squareRoot()), .text("")]]))
    }
}
