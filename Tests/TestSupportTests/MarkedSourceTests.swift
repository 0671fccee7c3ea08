import Notebook
import TestSupport
import Testing

@Suite struct MarkedSourceTests {
    @Test func markersAreRemovedAndTheirPositionsKept() {
        let source = MarkedSource("x = 1️⃣mnst(2️⃣)\n  3️⃣y🔟", firstLine: 10)
        #expect(source.text == "x = mnst()\n  y")
        #expect(
            source.markers == [
                "1️⃣": SourceLocation(line: 10, column: 5), "2️⃣": SourceLocation(line: 10, column: 10),
                "3️⃣": SourceLocation(line: 11, column: 3), "🔟": SourceLocation(line: 11, column: 4),
            ])
    }

    @Test func aMissingMarkerGivesAPositionNoDiagnosticHas() {
        #expect(MarkedSource("x")["1️⃣"] == SourceLocation(line: 0, column: 0))
    }

    @Test func plainDigitsAreNotMarkers() {
        let source = MarkedSource("x = 12")
        #expect(source.text == "x = 12")
        #expect(source.markers.isEmpty)
    }
}
