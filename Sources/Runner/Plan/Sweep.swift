/// One axis of a sweep: a parameter given several values (`--set beta=0.5,1,2`, or
/// `beta: sweep([0.5, 1, 2])` in the front matter), a `sweep([…])` written as an argument, or
/// `seeds(n)`. Sweeps zipped together (`zip: true`) make one axis that stands for all of them.
public struct SweepAxis: Hashable, Sendable {
    /// The sweeps it stands for: `parameter beta`, or where a `sweep(…)` is written (`12:20`).
    /// The same sweep reached by two paths is one axis, because its identity is the same.
    public let ids: [String]
    /// The name shown: the parameter's, or the argument's label (`lr`); `lr+batch` when zipped.
    public let name: String
    /// Each member's value as a notebook literal, in order (`0.5`, `1.0`); `0.1+32` when zipped.
    public let labels: [String]
    /// Whether it is an axis of seeds (`seeds(n)`), which results are averaged over.
    public let isSeed: Bool
    /// Whether it is paired with the other zipped sweeps written in the same statement.
    public let zipped: Bool

    /// Creates an axis.
    public init(ids: [String], name: String, labels: [String], isSeed: Bool = false, zipped: Bool = false) {
        self.ids = ids
        self.name = name
        self.labels = labels
        self.isSeed = isSeed
        self.zipped = zipped
    }

    /// How many values it has.
    public var count: Int { labels.count }
}

/// The axes a statement is lifted over, and their points: every combination of one value of
/// each axis, the first axis varying slowest.
public struct SweepGrid: Hashable, Sendable {
    /// The axes, in the order they were first met in the statement.
    public let axes: [SweepAxis]

    /// The grid of `found` axes: one axis per identity, zipped ones of one statement merged.
    /// `nil` for a statement that is not lifted (no axes).
    init?(merging found: [SweepAxis]) {
        var axes: [SweepAxis] = []
        var zipped: [SweepAxis] = []
        for axis in found where !axes.contains(axis) && !zipped.contains(axis) {
            if axis.zipped { zipped.append(axis) } else { axes.append(axis) }
        }
        if let first = zipped.first {
            let count = zipped.map(\.count).min() ?? 0
            axes.insert(
                SweepAxis(
                    ids: zipped.flatMap(\.ids), name: zipped.map(\.name).joined(separator: "+"),
                    labels: (0..<count).map { index in zipped.map { $0.labels[index] }.joined(separator: "+") },
                    isSeed: zipped.allSatisfy(\.isSeed)),
                at: min(found.firstIndex(of: first) ?? 0, axes.count))
        }
        guard !axes.isEmpty else { return nil }
        self.axes = axes
    }

    /// A grid of `axes` as they are.
    public init(axes: [SweepAxis]) {
        self.axes = axes
    }

    /// How many points it has.
    public var count: Int { axes.reduce(1) { $0 * $1.count } }

    /// Every point's coordinates, one per axis, the first axis varying slowest.
    public var points: [[Int]] {
        axes.reduce([[]]) { points, axis in points.flatMap { point in (0..<axis.count).map { point + [$0] } } }
    }

    /// The coordinate of each sweep identity at the point `coordinates`.
    func assignment(_ coordinates: [Int]) -> [String: Int] {
        var assignment: [String: Int] = [:]
        for (axis, coordinate) in zip(axes, coordinates) {
            for id in axis.ids { assignment[id] = coordinate }
        }
        return assignment
    }

    /// The position among `points` of the point that `assignment` gives (0 on an axis it omits).
    func position(of assignment: [String: Int]) -> Int {
        axes.reduce(0) { position, axis in position * axis.count + (axis.ids.first.flatMap { assignment[$0] } ?? 0) }
    }

    /// A type lifted over the grid, as diagnostics and `--plan` write it: `Fit ×8 (beta 4 × seed 2)`.
    public func lifted(_ type: ValueType) -> String {
        "\(type) ×\(count) (" + axes.map { "\($0.name) \($0.count)" }.joined(separator: " × ") + ")"
    }

    /// The point `coordinates` as `--plan` and the run record name it: `beta=4.0, seed=2`.
    public func label(_ coordinates: [Int]) -> String {
        zip(axes, coordinates).map { axis, coordinate in "\(axis.name)=\(axis.labels[coordinate])" }
            .joined(separator: ", ")
    }
}

/// Which point of its grid a lifted statement's instance computes.
public struct SweepMember: Hashable, Sendable {
    /// The grid the statement is lifted over.
    public let grid: SweepGrid
    /// The point's coordinate on each axis.
    public let coordinates: [Int]

    /// Creates a member.
    public init(grid: SweepGrid, coordinates: [Int]) {
        self.grid = grid
        self.coordinates = coordinates
    }

    /// `beta=4.0, seed=2`.
    public var label: String { grid.label(coordinates) }

    /// Whether it is the grid's first point, which stands for the statement where one is enough.
    public var isFirst: Bool { coordinates.allSatisfy { $0 == 0 } }
}
