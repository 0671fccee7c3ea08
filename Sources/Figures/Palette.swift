/// The colours every figure shares, so a model keeps its colour from chart to chart.
///
/// Figures emit each colour twice: as a `fill`/`stroke` attribute (so a figure file stands
/// alone) and as a class (`series-0`, `category-3`) so the report's CSS can restyle them, for
/// example for a dark theme; a CSS rule overrides a presentation attribute.
public enum Palette {
    /// Colours for named series (models), in order: Okabe & Ito's colour-blind-safe palette
    /// (2008), reordered so the first two (blue, vermillion) contrast most for any colour
    /// vision, and yellow, weak on white, comes last. Black is left out so it works on dark pages.
    public static let series: [RGBColor] = [
        RGBColor(hex: 0x0072B2),  // blue
        RGBColor(hex: 0xD55E00),  // vermillion
        RGBColor(hex: 0x009E73),  // bluish green
        RGBColor(hex: 0xCC79A7),  // reddish purple
        RGBColor(hex: 0xE69F00),  // orange
        RGBColor(hex: 0x56B4E9),  // sky blue
        RGBColor(hex: 0xF0E442),  // yellow
    ]

    /// Ten categorical colours for digit classes 0–9: Tableau 10 (2016), chosen for distinct
    /// hue and lightness, readable on both light and dark backgrounds.
    public static let categories: [RGBColor] = [
        RGBColor(hex: 0x4E79A7),  // blue
        RGBColor(hex: 0xF28E2B),  // orange
        RGBColor(hex: 0xE15759),  // red
        RGBColor(hex: 0x76B7B2),  // teal
        RGBColor(hex: 0x59A14F),  // green
        RGBColor(hex: 0xEDC948),  // yellow
        RGBColor(hex: 0xB07AA1),  // purple
        RGBColor(hex: 0xFF9DA7),  // pink
        RGBColor(hex: 0x9C755F),  // brown
        RGBColor(hex: 0xBAB0AC),  // gray
    ]

    /// The colour of the series at `index` in a figure; indices past the palette wrap around.
    public static func seriesColor(_ index: Int) -> RGBColor { series[wrapped(index, series.count)] }

    /// The CSS class of the series at `index`, `series-<n>`, matching `seriesColor(_:)`.
    public static func seriesClass(_ index: Int) -> String { "series-\(wrapped(index, series.count))" }

    /// The colour of class (digit) `index`; indices past the palette wrap around.
    public static func categoryColor(_ index: Int) -> RGBColor { categories[wrapped(index, categories.count)] }

    /// The CSS class of class (digit) `index`, `category-<n>`, matching `categoryColor(_:)`.
    public static func categoryClass(_ index: Int) -> String { "category-\(wrapped(index, categories.count))" }

    private static func wrapped(_ index: Int, _ count: Int) -> Int { (index % count + count) % count }
}
