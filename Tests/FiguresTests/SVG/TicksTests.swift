import Figures
import Testing

@Test(
    arguments: [
        (0.0, 1.0, false, [0, 0.2, 0.4, 0.6, 0.8, 1], ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        (
            97.3, 212.1, false, [80, 100, 120, 140, 160, 180, 200, 220],
            ["80", "100", "120", "140", "160", "180", "200", "220"]
        ),
        (2, 1, false, [1, 1.2, 1.4, 1.6, 1.8, 2], ["1", "1.2", "1.4", "1.6", "1.8", "2"]),
        (0.6, 1.2, false, [0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2], ["0.6", "0.7", "0.8", "0.9", "1", "1.1", "1.2"]),
        (
            -0.003, 0.0125, false, [-0.004, -0.002, 0, 0.002, 0.004, 0.006, 0.008, 0.01, 0.012, 0.014],
            ["-0.004", "-0.002", "0", "0.002", "0.004", "0.006", "0.008", "0.01", "0.012", "0.014"]
        ),
        (1, 50, true, [0, 10, 20, 30, 40, 50], ["0", "10", "20", "30", "40", "50"]),
        (1, 3, true, [1, 2, 3], ["1", "2", "3"]),
        (
            1e-20, 3e-20, false, [1e-20, 1.5e-20, 2e-20, 2.5e-20, 3e-20],
            ["1e-20", "1.5e-20", "2e-20", "2.5e-20", "3e-20"]
        ),
        (
            0, 3e6, false, [0, 5e5, 1e6, 1.5e6, 2e6, 2.5e6, 3e6],
            ["0", "500000", "1000000", "1500000", "2000000", "2500000", "3000000"]
        ),
    ] as [(Double, Double, Bool, [Double], [String])])
func ticksFallOnRoundNumbersCoveringTheRange(
    lower: Double, upper: Double, integers: Bool, values: [Double], labels: [String]
) {
    let ticks = Ticks(covering: lower, upper, integers: integers)
    #expect(ticks.values == values)
    #expect(ticks.labels == labels)
}

@Test(
    arguments: [
        (5.0, 5.0, [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]),
        (0, 0, [-1, -0.5, 0, 0.5, 1]),
        (.nan, .nan, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (-.infinity, 3, [2.7, 2.8, 2.9, 3, 3.1, 3.2, 3.3]),
        (.nan, .infinity, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (-.greatestFiniteMagnitude, .greatestFiniteMagnitude, [-.greatestFiniteMagnitude, .greatestFiniteMagnitude]),
        (1e17, 1e17 + 16, [1e17, 1e17 + 16]),
    ] as [(Double, Double, [Double])])
func degenerateAndNonFiniteRangesStillGiveTicks(lower: Double, upper: Double, values: [Double]) {
    let ticks = Ticks(covering: lower, upper)
    #expect(ticks.values == values)
    #expect(ticks.labels.count == values.count)
}
