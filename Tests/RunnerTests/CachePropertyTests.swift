import Engine
import Foundation
import Notebook
import Runner
import Testing

/// Random notebooks of `add` statements, edited one literal at a time: a cached run must show
/// exactly what a run without a cache shows, and rerun exactly the edited statement and the
/// statements downstream of it.
@Suite struct CachePropertyTests {
    /// A random notebook: each statement adds two operands, literals or earlier names.
    private func randomProgram(using generator: inout SeededGenerator) -> [(name: String, operands: [String])] {
        var statements: [(name: String, operands: [String])] = []
        for index in 0..<Int.random(in: 3...8, using: &generator) {
            let operands = (0..<2).map { _ in
                index > 0 && Bool.random(using: &generator)
                    ? "v\(Int.random(in: 0..<index, using: &generator))" : "\(Int.random(in: 0...9, using: &generator))"
            }
            statements.append(("v\(index)", operands))
        }
        return statements
    }

    private func text(_ statements: [(name: String, operands: [String])]) -> String {
        let lines = statements.map { "\($0.name) = add(\($0.operands[0]), \($0.operands[1]))" }
        return "```nb\n" + lines.joined(separator: "\n") + "\n```\n"
    }

    @Test func cachedRunsMatchUncachedRunsAndRerunExactlyWhatChanged() throws {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<12 {
            let harness = Harness()
            var program = randomProgram(using: &generator)
            _ = try harness.run(text(program))
            let edited = Int.random(in: 0..<program.count, using: &generator)
            let side = Int.random(in: 0...1, using: &generator)
            program[edited].operands[side] = "\(Int.random(in: 10...99, using: &generator))"

            let cached = try harness.run(text(program)).record
            let uncached = try Harness().run(text(program)).record
            #expect(cached.statements.map(\.display) == uncached.statements.map(\.display))

            var changed: Set<String> = [program[edited].name]
            for statement in program where statement.operands.contains(where: changed.contains) {
                changed.insert(statement.name)
            }
            let expected = program.map { changed.contains($0.name) ? StatementStatus.ran : .cached }
            #expect(cached.statements.map(\.status) == expected)
        }
    }
}
