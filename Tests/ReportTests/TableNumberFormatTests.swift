import Testing

@testable import Report

/// A column's values and how each is written.
@Test(arguments: [
    ([973_624.0, 265_833], ["973,624", "265,833"]),
    ([105.234, 98.1], ["105.2", "98.1"]),
    ([0.012_345_6, 0.5], ["0.0123", "0.5000"]),
    ([0.012_345_6, 0.002], ["0.01235", "0.00200"]),
    ([1234.5678, 2.25], ["1,235", "2"]),
    ([-3.25, 12.5], ["−3.25", "12.50"]),
    ([1_234_567.891, 0.5], ["1,234,568", "0"]),
    ([-0.000_01, 1.5], ["0.000", "1.500"]),
    ([1e-7, 2.5e-8], ["1.000e-07", "2.500e-08"]),
    ([1e14, 1], ["100,000,000,000,000", "1"]),
    ([2.5e16, 0.5], ["2.500e+16", "5.000e-01"]),
    ([Double.nan, 1.5, .infinity, -.infinity], ["NaN", "1.500", "∞", "−∞"]),
    ([-12.0, 0], ["−12", "0"]),
])
func numbersInAColumnShareOnePrecision(values: [Double], expected: [String]) {
    let format = TableNumberFormat(column: values)
    #expect(values.map(format.string) == expected)
}
