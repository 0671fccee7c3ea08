import Foundation
import Runner
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A model small enough to train in a few seconds, large enough that an epoch takes about a
/// second, so a signal sent after the first epoch's snapshot lands in the middle of the second.
struct ResumeCase: CustomTestStringConvertible, Sendable {
    let name: String
    let model: String
    let images: Int

    var testDescription: String { name }

    var notebook: String {
        """
        ---
        seed: 3
        params:
          epochs: 3
        ---
        # Resume

        ```nb
        data = mnist(split: "train", limit: \(images))
        test = mnist(split: "test", limit: 300)
        model = \(model)
        fit = train(model, on: data, validate: test, epochs: epochs, batch: 64)
        save(fit, path: "fit.safetensors")
        ```

        """
    }

    /// The entries the cache holds once the first epoch's snapshot is written: the two data sets
    /// and the model, then the snapshot's result and state.
    static let entriesAfterFirstEpoch = 5

    static let all = [
        ResumeCase(name: "MLP", model: "mlp_vae(hidden: [400, 400], latent: 8)", images: 12_000),
        ResumeCase(
            name: "CNN with batch norm", model: "cnn_vae(channels: [8, 16, 16], latent: 8, batchnorm: true)",
            images: 3_000),
        // Dropout draws from its own generator while training: its state is part of the snapshot.
        ResumeCase(
            name: "classifier with dropout and batch norm",
            model:
                "classifier(seq([conv2d(16, kernel: 3), batchnorm(), relu(), max_pool2d(2), flatten(), "
                + "dropout(0.5), linear(10)]))",
            images: 8_000),
    ]
}

/// A training resumed after a kill, a Ctrl-C or a longer `epochs` gives the same weights and the
/// same per-epoch losses, byte for byte, as one uninterrupted run.
@Suite(.serialized) struct ResumeTests {
    /// The weights and the history without its times, from an uninterrupted run (made once per
    /// case; the suite is serialized).
    private func reference(_ example: ResumeCase) throws -> (weights: Data, history: [[String]]) {
        if let known = References.shared.value(for: example.name) { return known }
        let command = try NBCommand()
        defer { command.remove() }
        let made = try reference(example, in: command)
        References.shared.store(made, for: example.name)
        return made
    }

    private func reference(_ example: ResumeCase, in command: NBCommand) throws -> (weights: Data, history: [[String]])
    {
        try command.write(notebook: example.notebook)
        let result = try command.run(["notebook.md", "--output", "out"])
        #expect(result.status == 0, "\(result.errors)")
        return (try command.bytes(of: "fit.safetensors"), try history(of: command.record()))
    }

    @Test(arguments: ResumeCase.all)
    func aRunKilledMidEpochResumesFromTheLastFinishedEpochBitForBit(_ example: ResumeCase) throws {
        let expected = try reference(example)
        let command = try NBCommand()
        defer { command.remove() }
        try command.write(notebook: example.notebook)
        let killed = try command.run(
            ["notebook.md", "--output", "out"], signal: SIGKILL, whenCacheHolds: ResumeCase.entriesAfterFirstEpoch)
        #expect(killed.status == SIGKILL, "the run ended before it was killed: \(killed.output)")

        let resumed = try command.run(["notebook.md", "--output", "out"])
        #expect(resumed.status == 0, "\(resumed.errors)")
        let fit = try #require(try command.record().statements.first { $0.binding == "fit" })
        #expect(fit.status == .ran)
        #expect(fit.resumedFrom == 1)
        #expect(resumed.output.contains("resumed from epoch 1"))
        #expect(try command.bytes(of: "fit.safetensors") == expected.weights)
        #expect(try history(of: command.record()) == expected.history)
    }

    @Test(arguments: ResumeCase.all)
    func ctrlCStopsAtTheNextBatchKeepsTheFinishedEpochsAndTheNextRunResumes(_ example: ResumeCase) throws {
        let expected = try reference(example)
        let command = try NBCommand()
        defer { command.remove() }
        try command.write(notebook: example.notebook)
        let interrupted = try command.run(
            ["notebook.md", "--output", "out"], signal: SIGINT, whenCacheHolds: ResumeCase.entriesAfterFirstEpoch)
        #expect(interrupted.status == 130)
        #expect(interrupted.errors.contains("nb: stopping after the current batch"))
        let record = try command.record()
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran, .interrupted, .skipped])
        let fit = try #require(record.statements.first { $0.binding == "fit" })
        #expect(
            fit.message?.hasPrefix("interrupted at epoch 2, batch ") == true
                && fit.message?.hasSuffix("; kept the snapshot of epoch 1, and the next run resumes from it") == true,
            "\(fit.message ?? "")")
        #expect(record.statements.last?.message == "not run: it reads 'fit' (line 12), which was interrupted")
        let report = try String(
            contentsOf: command.directory.appendingPathComponent("out/notebook.html"), encoding: .utf8)
        #expect(report.contains("interrupted (the next run resumes)"))

        let resumed = try command.run(["notebook.md", "--output", "out"])
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(try command.record().statements.first { $0.binding == "fit" }?.resumedFrom == 1)
        #expect(try command.bytes(of: "fit.safetensors") == expected.weights)
        #expect(try history(of: command.record()) == expected.history)
    }

    @Test(arguments: ResumeCase.all)
    func moreEpochsContinueFromTheStoredRunAndFewerTakeTheirSnapshot(_ example: ResumeCase) throws {
        let uninterrupted = try NBCommand()
        defer { uninterrupted.remove() }
        let expected = try reference(example, in: uninterrupted)
        let command = try NBCommand()
        defer { command.remove() }
        try command.write(notebook: example.notebook)
        let short = try command.run(["notebook.md", "--output", "out", "--set", "epochs=2"])
        #expect(short.status == 0, "\(short.errors)")
        let twoEpochs = try command.bytes(of: "fit.safetensors")

        let plan = try command.run(["notebook.md", "--output", "out", "--plan"])
        #expect(plan.output.contains("resumed from epoch 2"), "\(plan.output)")
        #expect(plan.output.contains("--set epochs changed (2 → 3)"), "\(plan.output)")
        let longer = try command.run(["notebook.md", "--output", "out"])
        #expect(longer.status == 0, "\(longer.errors)")
        #expect(try command.record().statements.first { $0.binding == "fit" }?.resumedFrom == 2)
        #expect(try command.bytes(of: "fit.safetensors") == expected.weights)
        #expect(try history(of: command.record()) == expected.history)

        // Fewer epochs after a 3-epoch run: the snapshot of epoch 2, with no training, is the 2-epoch fit.
        let fewer = try uninterrupted.run(["notebook.md", "--output", "out", "--set", "epochs=2"])
        #expect(fewer.status == 0, "\(fewer.errors)")
        let fit = try #require(try uninterrupted.record().statements.first { $0.binding == "fit" })
        #expect(fit.status == .ran && fit.resumedFrom == 2)
        #expect(try uninterrupted.bytes(of: "fit.safetensors") == twoEpochs)
        #expect(try history(of: uninterrupted.record()) == Array(expected.history.prefix(2)))
    }
}

/// Uninterrupted runs' results, by case name.
private final class References: @unchecked Sendable {
    // The lock guards `values`; hence @unchecked.
    static let shared = References()
    private let lock = NSLock()
    private var values: [String: (weights: Data, history: [[String]])] = [:]

    func value(for name: String) -> (weights: Data, history: [[String]])? {
        lock.lock()
        defer { lock.unlock() }
        return values[name]
    }

    func store(_ value: (weights: Data, history: [[String]]), for name: String) {
        lock.lock()
        defer { lock.unlock() }
        values[name] = value
    }
}

/// The fit's history table as text, without its seconds column (the only part that may differ).
func history(of record: RunRecord) throws -> [[String]] {
    let fit = try #require(record.statements.first { $0.binding == "fit" })
    guard case .list(let items)? = fit.display, let table = items.compactMap(\.table).first else {
        Issue.record("the fit shows no history table")
        return []
    }
    #expect(table.columns.last == "seconds")
    return table.rows.map { row in row.dropLast().map { "\($0)" } }
}

extension DisplayValue {
    /// The table, if this is one.
    fileprivate var table: DisplayTable? {
        if case .table(let table) = self { return table }
        return nil
    }
}
