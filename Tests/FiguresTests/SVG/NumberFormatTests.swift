import Figures
import Testing

@Test(arguments: [
    (0.1, 2, "0.1"),
    (Double(Float(0.1)), 3, "0.1"),
    (1234.5678, 2, "1234.57"),
    (2.5, 0, "3"),
    (-0.04, 1, "0"),
    (-12.25, 1, "-12.3"),
    (0.005, 3, "0.005"),
    (100, 1, "100"),
    (1e20, 1, "1e20"),
    (.nan, 1, "NaN"),
    (-.infinity, 1, "-inf"),
])
func fixedDecimalsDropTrailingZerosAndFloatNoise(value: Double, decimals: Int, expected: String) {
    #expect(NumberFormat.fixed(value, decimals: decimals) == expected)
}

@Test(arguments: [
    (102.4567, 4, "102.5"),
    (Double(Float(0.1)), 6, "0.1"),
    (0.000123456, 3, "0.000123"),
    (1.5e-7, 3, "1.5e-7"),
    (1.23456e17, 3, "1.23e17"),
    (9.9996, 4, "10"),
    (1000, 6, "1000"),
    (0, 6, "0"),
    (-0.5, 2, "-0.5"),
])
func significantDigitsRoundToTheGivenPrecision(value: Double, digits: Int, expected: String) {
    #expect(NumberFormat.significant(value, digits: digits) == expected)
}
