import Foundation
import Notebook
import Runner
import Testing

/// The notebook the reasons are explained on: data, a model, a training and a plot, with a
/// parameter, a file it reads and a side effect.
private func notebook(_ code: String) -> String {
    "---\nseed: 7\nparams:\n  epochs: 2\n---\n# Test\n\n```nb\n" + code + "\n```\n"
}

private let base = [
    "data = mnist(split: \"train\")", "model = mlp(hidden: [8])", "fit = train(model, on: data, epochs: epochs)",
    "loss_curves(fit)",
]

/// What a second run says of each statement after one change, read from the schedule (what
/// `--plan` prints) and from the run record.
private struct ReasonCase: CustomTestStringConvertible, Sendable {
    let change: String
    let lines: [String]
    var overrides: [String] = []
    var trainVersion = 1
    var fresh = false
    let expected: [RunReason?]

    var testDescription: String { change }
}

/// Data and model stand-ins are not kept by the cache, so a training that runs recomputes them.
private let needed = RunReason.valueNeeded(by: "fit", line: 11)

private let reasonCases: [ReasonCase] = [
    ReasonCase(change: "nothing", lines: base, expected: [nil, nil, nil, nil]),
    ReasonCase(
        change: "an argument", lines: base.replacing(at: 1, with: "model = mlp(hidden: [16])"),
        expected: [
            needed, .argumentChanged(name: "hidden", old: "[8]", new: "[16]"),
            .inputChanged(name: "model", line: 10), .inputChanged(name: "fit", line: 11),
        ]),
    ReasonCase(
        change: "an argument that was the default",
        lines: base.replacing(at: 1, with: "model = mlp(hidden: [8], latent: 3)"),
        expected: [
            needed, .argumentChanged(name: "latent", old: "2", new: "3"), .inputChanged(name: "model", line: 10),
            .inputChanged(name: "fit", line: 11),
        ]),
    ReasonCase(
        change: "a --set parameter", lines: base, overrides: ["epochs=3"],
        expected: [
            needed, needed, .parameterChanged(name: "epochs", old: "2", new: "3", bySet: true),
            .inputChanged(name: "fit", line: 11),
        ]),
    ReasonCase(
        change: "an operation's version", lines: base, trainVersion: 2,
        expected: [
            needed, needed, .operationVersionChanged(operation: "train", old: "v1", new: "v2"),
            .inputChanged(name: "fit", line: 11),
        ]),
    ReasonCase(
        change: "a new statement", lines: base + ["loss_curves(fit, fit)"],
        expected: [nil, nil, nil, nil, .new]),
    ReasonCase(
        change: "a string argument", lines: base.replacing(at: 0, with: "data = mnist(split: \"test\")"),
        expected: [
            .argumentChanged(name: "split", old: "\"train\"", new: "\"test\""), needed,
            .inputChanged(name: "data", line: 9), .inputChanged(name: "fit", line: 11),
        ]),
    ReasonCase(change: "--fresh", lines: base, fresh: true, expected: [.fresh, .fresh, .fresh, .fresh]),
]

@Suite struct ScheduleTests {
    @Test(arguments: reasonCases)
    fileprivate func eachStatementSaysWhyItRunsAgain(_ change: ReasonCase) throws {
        let harness = Harness()
        _ = try harness.run(notebook(base.joined(separator: "\n")))
        let text = notebook(change.lines.joined(separator: "\n"))
        let planned = try harness.executor(
            text, overrides: change.overrides, fresh: change.fresh, trainVersion: change.trainVersion
        ).schedule()
        #expect(planned.decisions.map(\.reason) == change.expected)
        let record = try harness.run(
            text, overrides: change.overrides, fresh: change.fresh, trainVersion: change.trainVersion
        ).record
        #expect(record.statements.map(\.reason) == change.expected)
        #expect(record.statements.map { $0.status == .cached } == change.expected.map { $0 == nil })
    }

    @Test func aFrontMatterDefaultIsAParameterChangeAndDroppingASetIsASetChange() throws {
        let harness = Harness()
        let text = notebook(base.joined(separator: "\n"))
        _ = try harness.run(text)
        let edited = try harness.run(text.replacingOccurrences(of: "epochs: 2\n", with: "epochs: 5\n")).record
        #expect(edited.statements[2].reason == .parameterChanged(name: "epochs", old: "2", new: "5", bySet: false))
        #expect(edited.statements[2].reason?.description == "parameter 'epochs' changed (2 → 5)")
        let other = Harness()
        _ = try other.run(text, overrides: ["epochs=7"])
        let dropped = try other.run(text).record
        #expect(dropped.statements[2].reason == .parameterChanged(name: "epochs", old: "7", new: "2", bySet: true))
    }

    @Test func aDeletedEntryIsMissingAndADamagedOneSaysWhy() throws {
        let harness = Harness()
        let text = notebook("a = add(1, 2)\nb = add(3, 4)")
        let first = try harness.run(text).record
        try FileManager.default.removeItem(at: harness.cache.url(for: key(first.statements[0].key)))
        try Data("garbage".utf8).write(to: harness.cache.url(for: key(first.statements[1].key)))
        let record = try harness.run(text).record
        #expect(record.statements[0].reason == .entryMissing)
        #expect(record.statements[1].reason == .entryDamaged(reason: "it is not an nb cache entry"))
        #expect(record.statements.map(\.status) == [.ran, .ran])
    }

    @Test func aStatementWithSideEffectsAlwaysRunsAndItsUncachedInputIsNeeded() throws {
        let harness = Harness()
        let text = notebook("data = mnist()\nmodel = mlp(hidden: [8])\nfit = train(model, on: data)\nexport(fit)")
        _ = try harness.run(text)
        let planned = try harness.executor(text).schedule()
        #expect(planned.decisions.map(\.action) == [.cached, .cached, .cached, .run])
        #expect(planned.decisions.map(\.reason) == [nil, nil, nil, .sideEffects])
        let edited = text.replacingOccurrences(of: "train(model, on: data)", with: "train(model, on: data, lr: 0.01)")
        let reasons = try harness.executor(edited).schedule().decisions.map(\.reason)
        #expect(
            reasons == [
                .valueNeeded(by: "fit", line: 11), .valueNeeded(by: "fit", line: 11),
                .argumentChanged(name: "lr", old: "0.001", new: "0.01"), .sideEffects,
            ])
    }

    @Test func aFilesNewBytesRerunItsReaderButATouchDoesNot() throws {
        let harness = Harness()
        let file = harness.directory.appendingPathComponent("input.txt")
        try FileManager.default.createDirectory(at: harness.directory, withIntermediateDirectories: true)
        try Data("four".utf8).write(to: file)
        let text = notebook("n = read_text(path: \"\(file.path)\")\nm = add(n, 1)")
        let first = try harness.run(text)
        #expect(
            first.record.statements[0].inputs == [
                InputFileRecord(path: file.path, origin: "the path given", sha256: sha256Hex("four"))
            ])
        // Same bytes, a new modification time: still cached.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)
        let touched = try harness.run(text)
        #expect(touched.record.statements.map(\.status) == [.cached, .cached])
        #expect(touched.ran == [:])
        try Data("seven".utf8).write(to: file)
        let changed = try harness.run(text)
        #expect(changed.record.statements.map(\.status) == [.ran, .ran])
        #expect(
            changed.record.statements.map(\.reason) == [
                .fileChanged(path: file.path), .inputChanged(name: "n", line: 9),
            ])
        #expect(changed.record.statements[1].display == .text("6"))
    }

    @Test func reasonsReadAsThePlanPrintsThem() {
        #expect(
            RunReason.argumentChanged(name: "lr", old: "0.001", new: "0.002").description
                == "argument 'lr' changed (0.001 → 0.002)")
        #expect(
            RunReason.inputChanged(name: "mlp", line: 12).description
                == "the statement it reads ('mlp', line 12) changed")
        #expect(
            RunReason.parameterChanged(name: "epochs", old: "10", new: "12", bySet: true).description
                == "--set epochs changed (10 → 12)")
        #expect(
            RunReason.operationVersionChanged(operation: "train", old: "v2", new: "v3").description
                == "operation 'train''s version changed (v2 → v3)")
        #expect(RunReason.fileChanged(path: "/d/x.gz").description == "input file /d/x.gz changed")
        #expect(RunReason.entryMissing.description == "its cache entry is missing")
        #expect(RunReason.sideEffects.description == "it always runs (it writes outside the notebook)")
        #expect(RunReason.new.description == "it is new")
    }
}

private func key(_ hex: String) -> CacheKey {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
        index = next
    }
    return CacheKey(bytes: bytes)
}

private func sha256Hex(_ text: String) -> String {
    CacheKey(bytes: SHA256.hash(Data(text.utf8))).description
}

extension Array where Element == String {
    fileprivate func replacing(at index: Int, with line: String) -> [String] {
        var copy = self
        copy[index] = line
        return copy
    }
}
