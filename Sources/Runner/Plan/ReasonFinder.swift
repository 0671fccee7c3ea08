import Foundation
import Notebook

/// Explains why a statement's key is not the one of the last run, by comparing its key parts with
/// the parts the last run's record kept for the same statement.
struct ReasonFinder {
    let plan: Plan
    let keys: [StatementKey]
    /// The last run's statements, by identity (see `identity(of:)`).
    private let previous: [String: StatementRecord]
    /// The last run's displayed expressions, by their cell and their order in it: an edited
    /// `samples(f, count: 4)` is the `samples(f, count: 3)` that stood there.
    private let previousPlaces: [Place: StatementRecord]
    /// The last run's parameters, by name.
    private let previousParameters: [String: RunRecord.Parameter]

    init(plan: Plan, keys: [StatementKey], previous record: RunRecord?) {
        self.plan = plan
        self.keys = keys
        var previous: [String: StatementRecord] = [:]
        var places: [Place: StatementRecord] = [:]
        var ordinals: [Int?: Int] = [:]
        let statements = record?.statements ?? []
        for (statement, identity) in zip(statements, StatementIdentity.of(statements)) {
            previous[identity] = statement
            // A member of a sweep is matched by its point only: its place is its statement's.
            if statement.binding == nil, statement.member == nil {
                places[Self.place(cell: statement.cell, ordinal: &ordinals)] = statement
            }
        }
        self.previous = previous
        previousPlaces = places
        previousParameters = Dictionary(
            (record?.parameters ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The last run's record of each statement of `plan`, nil for new ones.
    func previousRecords() -> [StatementRecord?] {
        var occurrences: [String: Int] = [:]
        var ordinals: [Int?: Int] = [:]
        let identities = plan.statements.map { statement in
            StatementIdentity.of(
                binding: statement.binding, source: statement.source, member: statement.member?.label,
                first: statement.member?.isFirst ?? true, occurrences: &occurrences)
        }
        let matched = Set(identities.compactMap { previous[$0]?.index })
        return plan.statements.enumerated().map { position, statement in
            let place =
                statement.binding == nil && statement.member == nil
                ? Self.place(cell: statement.statement.cell, ordinal: &ordinals) : nil
            if let found = previous[identities[position]] { return found }
            // A displayed expression whose text changed: the one at its place, unless that one is
            // still in the notebook under its old text.
            guard let place, let candidate = previousPlaces[place], !matched.contains(candidate.index) else {
                return nil
            }
            return candidate
        }
    }

    /// The place of the next displayed expression of `cell`, counting them in `ordinals`.
    private static func place(cell: Int?, ordinal ordinals: inout [Int?: Int]) -> Place {
        let ordinal = ordinals[cell, default: 0]
        ordinals[cell] = ordinal + 1
        return Place(cell: cell, ordinal: ordinal)
    }

    /// Where a displayed expression stands: the `ordinal`-th of its cell (nil: of the prose).
    private struct Place: Hashable {
        var cell: Int?
        var ordinal: Int
    }

    /// Why statement `index`, whose last record is `record`, has another key than it had then;
    /// nil when its key is the same.
    func reason(for index: Int, previous record: StatementRecord?) -> RunReason? {
        guard let record, let old = record.keyParts, !old.parts.isEmpty else {
            return record == nil ? .new : .keyChanged
        }
        let current = keys[index].parts
        guard old != current else { return nil }
        let oldParts = Dictionary(old.parts.map { ($0.slot, $0) }, uniquingKeysWith: { first, _ in first })
        for part in current.parts where oldParts[part.slot] != part {
            return explain(part, old: oldParts[part.slot], in: index)
        }
        let currentSlots = Set(current.parts.map(\.slot))
        if let removed = old.parts.first(where: { !currentSlots.contains($0.slot) }) {
            return .argumentChanged(name: removed.slot.path, old: removed.valueText, new: "default")
        }
        return .keyChanged
    }

    private func explain(_ part: KeyParts.Part, old: KeyParts.Part?, in index: Int) -> RunReason {
        switch part {
        case .operation(let path, let name, let version):
            guard case .operation(_, let oldName, let oldVersion)? = old else {
                return .argumentChanged(name: path, old: "default", new: name)
            }
            return oldName == name
                ? .operationVersionChanged(operation: name, old: "v\(oldVersion)", new: "v\(version)")
                : .operationChanged(old: oldName, new: name)
        case .reference(let path, _):
            guard let input = keys[index].references[path] else { return .keyChanged }
            let statement = plan.statements[input]
            return .inputChanged(
                name: statement.binding ?? statement.source, line: statement.statement.range.start.line)
        case .file(_, let position, _):
            let inputs = keys[index].inputs
            return .fileChanged(path: position - 1 < inputs.count ? inputs[position - 1].path : part.slot.path)
        case .filesNotFound(let path):
            return .fileChanged(path: path)
        case .seed:
            return .seedChanged
        case .argument(let path, _), .list(let path, _):
            for name in plan.statements[index].parameters {
                guard let parameter = plan.parameters.first(where: { $0.name == name }),
                    let before = previousParameters[name], before.value != parameter.valueText
                else { continue }
                // A --set given now or dropped since the last run is a change of --set, not of the notebook.
                return .parameterChanged(
                    name: name, old: before.value, new: parameter.valueText,
                    bySet: parameter.overridden || before.overridden)
            }
            if path.hasSuffix(Self.axesSuffix) {
                // A sweep's grid: `fits{axes}`, or `fits[0]{axes}` for a variadic argument.
                let argument = String(path.dropLast(Self.axesSuffix.count)).replacing(/\[[0-9]+\]$/, with: "")
                return argumentChange(
                    at: argument, old: Self.gridText(old?.valueText), new: Self.gridText(part.valueText), in: index)
            }
            return argumentChange(at: path, old: old?.valueText ?? "default", new: part.valueText, in: index)
        case .lineage:
            return .keyChanged
        }
    }

    /// What a key's path ends with for the axes of a gathered sweep (see `StatementKey`).
    private static let axesSuffix = "{axes}"

    /// A sweep's grid as people write it, `beta 0.5, 1.0 × seed 1, 2`, from its key's text
    /// `[["beta", "0.5", "1.0"], ["seed", "1", "2"]]`; the text itself if it is not one.
    private static func gridText(_ keyText: String?) -> String {
        guard let keyText else { return "default" }
        guard let data = keyText.data(using: .utf8),
            let axes = try? JSONSerialization.jsonObject(with: data) as? [[String]]
        else { return keyText }
        return axes.map { axis in
            "\(axis.first ?? "") " + axis.dropFirst().joined(separator: ", ")
        }.joined(separator: " × ")
    }

    /// An argument's change, naming the call it belongs to when that call is nested in the
    /// statement (`kernel` of the `conv2d` on line 14), since its path alone (`layers[2].kernel`)
    /// does not say which call of the cell that is.
    private func argumentChange(at path: String, old: String, new: String, in index: Int) -> RunReason {
        guard let dot = path.lastIndex(of: ".") else { return .argumentChanged(name: path, old: old, new: new) }
        let callPath = String(path[..<dot])
        let name = String(path[path.index(after: dot)...])
        guard let call = plan.statements[index].expression.calls().first(where: { $0.path == callPath }) else {
            return .argumentChanged(name: path, old: old, new: new)
        }
        return .callArgumentChanged(
            name: name, operation: call.spec.name, line: call.range.start.line, old: old, new: new)
    }
}
