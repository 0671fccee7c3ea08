import Figures
import Testing

@Test func seriesColoursAreOkabeItoStartingWithBlueAndVermillion() {
    #expect(
        Palette.series.map(\.description) == [
            "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442",
        ])
}

@Test func digitColoursAreTenDistinctTableauColours() {
    #expect(
        Palette.categories.map(\.description) == [
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#bab0ac",
        ])
}

@Test func indicesPastThePaletteWrapAroundInColourAndClass() {
    #expect(Palette.seriesColor(8) == Palette.seriesColor(1))
    #expect(Palette.seriesClass(8) == "series-1")
    #expect(Palette.categoryClass(-1) == "category-9")
}
