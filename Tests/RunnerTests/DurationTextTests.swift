import Runner
import Testing

/// One format for every duration nb writes, in the terminal and in the report.
@Test(arguments: [
    (0.0, "< 0.1 s"), (0.049, "< 0.1 s"), (0.06, "0.1 s"), (41.24, "41.2 s"), (59.96, "1 min 00 s"),
    (185, "3 min 05 s"), (3725, "1 h 02 min"), (.nan, "? s"), (-1, "? s"),
])
func durationsAreWrittenForPeople(seconds: Double, text: String) {
    #expect(DurationText.of(seconds) == text)
}
