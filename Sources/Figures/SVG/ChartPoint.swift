/// One data point of a chart, in data units.
public struct ChartPoint: Sendable, Equatable {
    /// Horizontal value.
    public let x: Double
    /// Vertical value.
    public let y: Double

    /// The point (`x`, `y`).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite; charts skip points that are not (a NaN loss, say).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
