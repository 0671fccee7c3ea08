import Figures

/// The sample run's PNG, encoded the same way.
enum PNGWriterFixture {
    static func encoded() throws -> [UInt8] {
        try PNGWriter.encode(try SampleRun.bitmap())
    }
}
