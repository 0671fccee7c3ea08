/// A statistic over the seeds of one setting: its mean, its sample standard deviation and how
/// many seeds there were.
///
/// The standard deviation is the sample one (divided by n − 1, pandas' default and numpy's
/// `ddof=1`), because the seeds are a sample of the seeds one could have run and "± std over
/// seeds" is read as an estimate of that spread. With one seed there is no spread to estimate,
/// so it is `nil` and tables show no ±.
struct SeedStatistics: Equatable {
    /// The mean over the seeds.
    let mean: Double
    /// The sample standard deviation (n − 1 in the denominator); `nil` for one seed.
    let standardDeviation: Double?
    /// How many seeds.
    let count: Int

    /// The statistics of `values`, which must not be empty.
    init(_ values: [Double]) {
        count = values.count
        mean = values.reduce(0, +) / Double(max(values.count, 1))
        guard values.count > 1 else {
            standardDeviation = nil
            return
        }
        let mean = mean
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = (squares / Double(values.count - 1)).squareRoot()
    }
}
