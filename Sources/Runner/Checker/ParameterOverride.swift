import Foundation
import Notebook

/// A `--set name=value` from the command line.
public struct ParameterOverride: Hashable, Sendable {
    /// The parameter's name.
    public let name: String
    /// The value as typed, parsed once the parameter's type is known.
    public let text: String

    /// Splits `name=value`; a missing `=` or an empty name is an error.
    public static func parse(_ argument: String) -> Result<ParameterOverride, CheckError> {
        guard let equals = argument.firstIndex(of: "=") else { return .failure(.malformedOverride(argument)) }
        let name = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return .failure(.malformedOverride(argument)) }
        return .success(ParameterOverride(name: name, text: String(argument[argument.index(after: equals)...])))
    }

    /// The value as `type`, or nil if the text is not one.
    ///
    /// Strings may be written bare (`--set split=test`), since the shell strips quotes; lists
    /// are written as in cells (`--set hidden=[256,256]`).
    public func value(as type: ValueType) -> Value? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch type {
        case .int: return Int(trimmed).map(Value.int)
        case .float:
            guard let number = Double(trimmed), number.isFinite else { return nil }
            return .float(number)
        case .bool: return trimmed == "true" ? .bool(true) : trimmed == "false" ? .bool(false) : nil
        case .string:
            let quoted = trimmed.count >= 2 && trimmed.hasPrefix("\"") && trimmed.hasSuffix("\"")
            return .string(quoted ? String(trimmed.dropFirst().dropLast()) : text)
        case .list:
            let (expression, diagnostics) = Parser.parseExpression(trimmed, line: 1, column: 1)
            guard diagnostics.isEmpty, let expression else { return nil }
            return Self.literal(expression, as: type)
        case .domain:
            return nil
        }
    }

    /// The values as `type`: one, or several for a sweep written with commas outside brackets
    /// and quotes (`--set beta=0.5,1,2`); nil if one of them is not a `type`.
    public func values(as type: ValueType) -> [Value]? {
        var parts: [String] = []
        var part = ""
        var depth = 0
        var quoted = false
        for character in text {
            switch character {
            case "\"": quoted.toggle()
            case "[" where !quoted: depth += 1
            case "]" where !quoted: depth -= 1
            case "," where !quoted && depth == 0:
                parts.append(part)
                part = ""
                continue
            default: break
            }
            part.append(character)
        }
        parts.append(part)
        guard parts.count > 1 else { return value(as: type).map { [$0] } }
        let values = parts.compactMap { ParameterOverride(name: name, text: $0).value(as: type) }
        return values.count == parts.count ? values : nil
    }

    /// A literal expression as a value of `type`, or nil if it is not one.
    static func literal(_ expression: Expr, as type: ValueType) -> Value? {
        switch (expression.kind, type) {
        case (.integer(let value), .int): .int(value)
        case (.integer(let value), .float): .float(Double(value))
        case (.float(let value), .float): .float(value)
        case (.string(let value), .string): .string(value)
        case (.bool(let value), .bool): .bool(value)
        case (.list(let elements), .list(let element)):
            elements.reduce(into: [Value]?.some([])) { values, item in
                guard let value = literal(item, as: element) else { return values = nil }
                values?.append(value)
            }.map(Value.list)
        default: nil
        }
    }
}
