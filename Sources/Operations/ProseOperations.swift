import Foundation
import Runner

/// Words and numbers for sentences, so the prose's comparisons stay true under `--set`:
/// `` `{nb} compare(test_loss(cnn_fit, on: test), test_loss(mlp_fit, on: test), less: "lower", greater: "higher")` ``.
///
/// A NaN or an infinity fails the statement instead of reaching a sentence: every comparison
/// with NaN is false, so `compare` would print its "equal" word, and "NaN%" states nothing.
enum ProseOperations {
    static let all = [ratio, percent, format, compare]

    static let ratio = OperationSpec(
        name: "ratio", doc: "The first number divided by the second.",
        parameters: [.positional("value", .float), .labelled("to", .float)], result: .float, version: 2
    ) { arguments, _ in
        let value = try finite(arguments, "value", of: "ratio")
        let divisor = try finite(arguments, "to", of: "ratio")
        guard divisor != 0 else { throw ProseError.divisionByZero(value: value) }
        return .float(value / divisor)
    }

    static let percent = OperationSpec(
        name: "percent", doc: "A fraction as a percentage: percent(0.271) is \"27%\".",
        parameters: [.positional("fraction", .float), .labelled("digits", .int, default: .int(0), .between(0, 6))],
        result: .string, version: 2
    ) { arguments, _ in
        .string(
            fixed(try finite(arguments, "fraction", of: "percent") * 100, digits: try arguments.int("digits")) + "%")
    }

    static let format = OperationSpec(
        name: "format",
        doc: "A number with a fixed count of decimals and thousands separators: format(93.17, digits: 1) is \"93.2\".",
        parameters: [.positional("value", .float), .labelled("digits", .int, default: .int(0), .between(0, 12))],
        result: .string, version: 2
    ) { arguments, _ in
        .string(fixed(try finite(arguments, "value", of: "format"), digits: try arguments.int("digits")))
    }

    static let compare = OperationSpec(
        name: "compare",
        doc: "One of three words, as the first number is less than, equal to or greater than the second.",
        parameters: [
            .positional("value", .float), .positional("other", .float), .labelled("less", .string),
            .labelled("greater", .string), .labelled("equal", .string, default: .string("the same")),
        ],
        result: .string, version: 2
    ) { arguments, _ in
        let value = try finite(arguments, "value", of: "compare")
        let other = try finite(arguments, "other", of: "compare")
        let key = value < other ? "less" : value > other ? "greater" : "equal"
        return .string(try arguments.string(key))
    }

    /// The float argument `name` of `operation`, which must be a number a sentence can state.
    private static func finite(_ arguments: Arguments, _ name: String, of operation: String) throws -> Double {
        let value = try arguments.float(name)
        guard value.isFinite else { throw ProseError.notFinite(operation: operation, parameter: name, value: value) }
        return value
    }

    /// `value` (finite: the helpers refuse the rest) with `digits` decimals, `,` between thousands
    /// and `−` for minus, as the report's tables write numbers.
    static func fixed(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(digits)f", abs(value))
        let whole = text.prefix { $0 != "." }
        var grouped = ""
        for (offset, digit) in whole.reversed().enumerated() {
            if offset > 0, offset.isMultiple(of: 3) { grouped.insert(",", at: grouped.startIndex) }
            grouped.insert(digit, at: grouped.startIndex)
        }
        let rounded = grouped + text.dropFirst(whole.count)
        return value < 0 && rounded.contains(where: { ("1"..."9").contains($0) }) ? "−" + rounded : rounded
    }
}
