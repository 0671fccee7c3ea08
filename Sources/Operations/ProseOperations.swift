import Foundation
import Runner

/// Words and numbers for sentences, so the prose's comparisons stay true under `--set`:
/// `` `{nb} compare(test_loss(cnn_fit, on: test), test_loss(mlp_fit, on: test), less: "lower", greater: "higher")` ``.
enum ProseOperations {
    static let all = [ratio, percent, format, compare]

    static let ratio = OperationSpec(
        name: "ratio", doc: "The first number divided by the second.",
        parameters: [.positional("value", .float), .labelled("to", .float)], result: .float, version: 1
    ) { arguments, _ in
        .float(try arguments.float("value") / arguments.float("to"))
    }

    static let percent = OperationSpec(
        name: "percent", doc: "A fraction as a percentage: percent(0.271) is \"27%\".",
        parameters: [.positional("fraction", .float), .labelled("digits", .int, default: .int(0), .between(0, 6))],
        result: .string, version: 1
    ) { arguments, _ in
        .string(fixed(try arguments.float("fraction") * 100, digits: try arguments.int("digits")) + "%")
    }

    static let format = OperationSpec(
        name: "format",
        doc: "A number with a fixed count of decimals and thousands separators: format(93.17, digits: 1) is \"93.2\".",
        parameters: [.positional("value", .float), .labelled("digits", .int, default: .int(0), .between(0, 12))],
        result: .string, version: 1
    ) { arguments, _ in
        .string(fixed(try arguments.float("value"), digits: try arguments.int("digits")))
    }

    static let compare = OperationSpec(
        name: "compare",
        doc: "One of three words, as the first number is less than, equal to or greater than the second.",
        parameters: [
            .positional("value", .float), .positional("other", .float), .labelled("less", .string),
            .labelled("greater", .string), .labelled("equal", .string, default: .string("the same")),
        ],
        result: .string, version: 1
    ) { arguments, _ in
        let value = try arguments.float("value")
        let other = try arguments.float("other")
        let key = value < other ? "less" : value > other ? "greater" : "equal"
        return .string(try arguments.string(key))
    }

    /// `value` with `digits` decimals, `,` between thousands and `−` for minus, as the report's
    /// tables write numbers.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value < 0 ? "−∞" : "∞" }
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
