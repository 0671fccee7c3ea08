/// Every member of a sweep, with where each stands on the sweep's axes: what a parameter that
/// gathers a sweep (`ParameterSpec.gathering()`) receives, read by `Arguments.sweep(_:)`.
///
/// An argument that is not swept arrives as a sweep of one member and no axes, so an
/// aggregating operation (`mean`, `compare`) needs no second path for a single value.
public final class SweepValue: DomainValue {
    /// The type its summary names; notebooks never write it, since a gathering parameter is
    /// declared with the type of one member.
    public static let valueType = ValueType.domain(DomainType("Sweep"))

    /// One member: its coordinate on each axis, and its value.
    public struct Member: Sendable {
        /// Its coordinate on each of `axes`.
        public let coordinates: [Int]
        /// Its value.
        public let value: Value
    }

    /// The axes, slowest-varying first.
    public let axes: [SweepAxis]
    /// The members, the first axis varying slowest.
    public let members: [Member]

    /// Gathers `values`, given in the order of `grid.points`.
    public init(grid: SweepGrid, values: [Value]) {
        axes = grid.axes
        members = zip(grid.points, values).map { Member(coordinates: $0, value: $1) }
    }

    /// The members grouped by setting: the coordinates on the axes that are not seeds, each with
    /// its members over the seed axes, in the order settings first occur.
    public func settings() -> [(setting: [Int], members: [Member])] {
        let kept = axes.indices.filter { !axes[$0].isSeed }
        var groups: [(setting: [Int], members: [Member])] = []
        for member in members {
            let setting = kept.map { member.coordinates[$0] }
            if let index = groups.firstIndex(where: { $0.setting == setting }) {
                groups[index].members.append(member)
            } else {
                groups.append((setting, [member]))
            }
        }
        return groups
    }

    /// A setting as text, naming each non-seed axis's value: `beta=4.0, latent=2`; "" when only
    /// seeds vary.
    public func label(ofSetting setting: [Int]) -> String {
        let kept = axes.filter { !$0.isSeed }
        return zip(kept, setting).map { axis, coordinate in "\(axis.name)=\(axis.labels[coordinate])" }
            .joined(separator: ", ")
    }

    /// Each member's summary, in order.
    public func summary() -> DisplayValue {
        .list(members.map { $0.value.summary() })
    }
}
