import Foundation
import Notebook
import Runner
import Testing

/// Runs notebooks against the test registry with a cache in a fresh temporary directory.
final class Harness {
    let directory: URL
    let counter = RunCounter()
    /// The last run's record, which the next run explains its changes against (as nb does).
    var lastRecord: RunRecord?

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nb-tests-\(UUID().uuidString)")
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    var cache: CacheStore { CacheStore(directory: directory) }

    /// Checks and runs `text`; returns the record, how often each operation ran, and the events.
    func run(
        _ text: String, overrides: [String] = [], fresh: Bool = false, mnistDisplayVersion: Int = 1,
        trainVersion: Int = 1
    ) throws -> (record: RunRecord, ran: [String: Int], observer: RecordingObserver) {
        let executor = try executor(
            text, overrides: overrides, fresh: fresh, mnistDisplayVersion: mnistDisplayVersion,
            trainVersion: trainVersion)
        let observer = RecordingObserver()
        let record = Executor(
            plan: executor.plan, cache: cache, fresh: fresh, observer: observer, previous: lastRecord,
            digests: executor.digests
        ).run()
        lastRecord = record
        return (record, counter.take(), observer)
    }

    /// The executor a run of `text` would use, for its schedule.
    func executor(
        _ text: String, overrides: [String] = [], fresh: Bool = false, mnistDisplayVersion: Int = 1,
        trainVersion: Int = 1
    ) throws -> Executor {
        let document = Document(source: SourceFile(path: "Notebooks/t.md", text: text))
        let registry = testRegistry(
            counter: counter, mnistDisplayVersion: mnistDisplayVersion, trainVersion: trainVersion)
        let (plan, diagnostics) = Checker(registry: registry, hints: .nb).check(document, overrides: overrides)
        let checked = try #require(plan, "unexpected diagnostics: \(diagnostics.map(\.message))")
        return Executor(
            plan: checked, cache: cache, fresh: fresh, observer: nil, previous: lastRecord,
            digests: FileDigests(memo: directory.appendingPathComponent("digests.json")))
    }
}

private func cell(_ code: String, frontMatter: String = "") -> String {
    frontMatter + "# Test\n\n```nb\n" + code + "\n```\n"
}

private let sums = cell("a = add(1, 2)\nb = add(a, 10)\nc = add(5, 5)\nd = add(b, c)\nd")

private let training = cell(
    "data = mnist(split: \"train\")\nmodel = mlp(hidden: [8])\nfit = train(model, on: data, epochs: epochs)\nloss_curves(fit)",
    frontMatter: "---\nseed: 7\nparams:\n  epochs: 2\n---\n")

@Suite struct ExecutorTests {
    @Test func aFirstRunRunsEverythingInOrderAndDisplaysValues() throws {
        let harness = Harness()
        let (record, ran, _) = try harness.run(sums)
        #expect(record.statements.map(\.status) == [.ran, .ran, .ran, .ran, .ran])
        #expect(record.statements.map(\.display) == ["3", "13", "10", "23", "23"].map(DisplayValue.text))
        #expect(record.statements.map(\.binding) == ["a", "b", "c", "d", nil])
        #expect(
            record.statements.map(\.source) == [
                "a = add(1, 2)", "b = add(a, 10)", "c = add(5, 5)", "d = add(b, c)", "d",
            ])
        #expect(ran == ["add": 4])
        #expect(record.succeeded)
    }

    @Test func aNewDisplayVersionRerunsTheStatementAndItsBareNameButNotItsReaders() throws {
        let harness = Harness()
        let notebook = cell(
            "data = mnist(split: \"train\")\ndata\nmodel = mlp(hidden: [8])\nfit = train(model, on: data, epochs: 2)")
        _ = try harness.run(notebook)
        let (record, ran, _) = try harness.run(notebook, mnistDisplayVersion: 2)
        #expect(record.statements.map(\.status) == [.ran, .ran, .cached, .cached])
        #expect(ran == ["mnist": 1])
    }

    @Test func aSecondRunOfAnUnchangedNotebookRunsNothing() throws {
        let harness = Harness()
        _ = try harness.run(sums)
        let (record, ran, _) = try harness.run(sums)
        #expect(record.statements.map(\.status) == [.cached, .cached, .cached, .cached, .cached])
        #expect(record.statements.map(\.cacheHit) == [true, true, true, true, true])
        #expect(record.statements.map(\.display) == ["3", "13", "10", "23", "23"].map(DisplayValue.text))
        #expect(ran == [:])
    }

    @Test func editingOneStatementRerunsExactlyItAndItsDependents() throws {
        let harness = Harness()
        _ = try harness.run(sums)
        let edited = sums.replacingOccurrences(of: "b = add(a, 10)", with: "b = add(a, 20)")
        let (record, ran, _) = try harness.run(edited)
        #expect(record.statements.map(\.status) == [.cached, .ran, .cached, .ran, .ran])
        #expect(record.statements.map(\.display) == ["3", "23", "10", "33", "33"].map(DisplayValue.text))
        #expect(ran == ["add": 2])
    }

    @Test func reformattingAStatementKeepsItsKey() throws {
        let harness = Harness()
        _ = try harness.run(sums)
        let reformatted = sums.replacingOccurrences(of: "b = add(a, 10)", with: "b   = add( a,\n  10 )   # same")
        let (record, ran, _) = try harness.run(reformatted)
        #expect(record.statements.map(\.status) == [.cached, .cached, .cached, .cached, .cached])
        #expect(ran == [:])
    }

    @Test func aCachedFitNeedsNeitherItsDataNorItsModel() throws {
        let harness = Harness()
        let first = try harness.run(training)
        #expect(first.ran == ["mnist": 1, "mlp": 1, "train": 1, "loss_curves": 1])
        let second = try harness.run(training)
        #expect(second.record.statements.map(\.status) == [.cached, .cached, .cached, .cached])
        #expect(second.ran == [:])
        // A new use of the fit loads it from the cache; data and model stay untouched.
        let third = try harness.run(
            training.replacingOccurrences(of: "loss_curves(fit)", with: "loss_curves(fit, fit)"))
        #expect(third.record.statements.map(\.status) == [.cached, .cached, .cached, .ran])
        #expect(third.ran == ["loss_curves": 1])
        #expect(third.record.statements[3].display == .figure(DisplayFigure(image: .svg("<svg/>"), caption: "0.5,0.5")))
    }

    @Test func anEditedTrainingRecomputesOnlyTheInputsItNeedsAndLoadsTheOtherFit() throws {
        let harness = Harness()
        let text = cell(
            "data = mnist()\nm1 = mlp(hidden: [8])\nm2 = mlp(hidden: [16])\nf1 = train(m1, on: data, epochs: 2)\n"
                + "f2 = train(m2, on: data, epochs: 2)\nloss_curves(f1, f2)")
        _ = try harness.run(text)
        let edited = text.replacingOccurrences(
            of: "f2 = train(m2, on: data, epochs: 2)", with: "f2 = train(m2, on: data, epochs: 4)")
        let (record, ran, _) = try harness.run(edited)
        #expect(record.statements.map(\.status) == [.ran, .cached, .ran, .cached, .ran, .ran])
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 1, "loss_curves": 1])
        #expect(record.statements.last?.display == .figure(DisplayFigure(image: .svg("<svg/>"), caption: "0.5,0.25")))
    }

    @Test func aStatementWithSideEffectsRunsEveryTimeFromCachedInputs() throws {
        let harness = Harness()
        let text = training + "```nb\nexport(fit)\n```\n"
        let first = try harness.run(text)
        #expect(first.ran["export"] == 1)
        let second = try harness.run(text)
        #expect(second.record.statements.map(\.status) == [.cached, .cached, .cached, .cached, .ran])
        #expect(second.record.statements.last?.display == .text("exported 0.5"))
        #expect(second.ran == ["export": 1])
    }

    @Test func aSetOverrideIsPartOfTheKeysOfStatementsThatReadIt() throws {
        let harness = Harness()
        _ = try harness.run(training)
        let changed = try harness.run(training, overrides: ["epochs=4"])
        #expect(changed.record.statements.map(\.status) == [.ran, .ran, .ran, .ran])
        #expect(
            changed.record.parameters == [
                RunRecord.Parameter(name: "epochs", type: "Int", value: "4", overridden: true)
            ])
        let again = try harness.run(training, overrides: ["epochs=4"])
        #expect(again.ran == [:])
        let back = try harness.run(training)
        #expect(back.ran == [:])
        #expect(changed.record.statements[2].key != back.record.statements[2].key)
        #expect(changed.record.statements[0].key == back.record.statements[0].key)
    }

    @Test func everyStatementHasASeedDerivedFromTheNotebookSeedAndItsBinding() throws {
        let harness = Harness()
        let record = try harness.run(training).record
        let seed = Seeds.derive(7, "bind:fit")
        #expect(record.seed == 7)
        #expect(record.statements[2].seed == seed)
        #expect(
            record.statements[2].display
                == .table(
                    DisplayTable(
                        columns: ["metric", "value"],
                        rows: [[.text("loss"), .number(0.5)], [.text("seed"), .text("\(seed)")]])))
        let fresh = try harness.run(training, fresh: true).record
        #expect(fresh.statements.map(\.status) == [.ran, .ran, .ran, .ran])
        #expect(fresh.statements.map(\.display) == record.statements.map(\.display))
    }

    @Test func anExplicitSeedArgumentOverridesTheDerivedSeed() throws {
        let harness = Harness()
        let text = training.replacingOccurrences(of: "epochs: epochs)", with: "epochs: epochs, seed: 5)")
        let record = try harness.run(text).record
        #expect(
            record.statements[2].display
                == .table(
                    DisplayTable(
                        columns: ["metric", "value"],
                        rows: [[.text("loss"), .number(0.5)], [.text("seed"), .text("5")]])))
    }

    @Test func aFailureSkipsItsDependentsAndIndependentStatementsStillRun() throws {
        let harness = Harness()
        let text = cell("x = fail(message: \"disk full\")\ny = add(x, 1)\nz = add(2, 3)\nadd(y, z)")
        let (record, ran, _) = try harness.run(text)
        #expect(record.statements.map(\.status) == [.failed, .skipped, .ran, .skipped])
        #expect(
            record.statements.map(\.message) == [
                "disk full", "not run: it reads 'x' (line 4), which failed", nil,
                "not run: it reads 'y' (line 5), which was not run either",
            ])
        #expect(ran == ["fail": 1, "add": 1])
        #expect(!record.succeeded)
        let again = try harness.run(text)
        #expect(again.record.statements.map(\.status) == [.failed, .skipped, .cached, .skipped])
    }

    @Test func longOperationsReportProgressThroughTheObserver() throws {
        let harness = Harness()
        let observer = try harness.run(training).observer
        let progress = observer.events.compactMap { event -> String? in
            guard case .progress(let info, let done, let total, let unit, _) = event else { return nil }
            return "\(info.binding ?? "") \(done)/\(total) \(unit)"
        }
        #expect(progress == ["fit 1/2 epoch", "fit 2/2 epoch"])
        let finished = observer.events.compactMap { event -> String? in
            guard case .statementFinished(let info, let status, _, _, _, _) = event else { return nil }
            return "\(status) \(info.source)"
        }
        #expect(
            finished == [
                "ran data = mnist(split: \"train\")", "ran model = mlp(hidden: [8])",
                "ran fit = train(model, on: data, epochs: epochs)", "ran loss_curves(fit)",
            ])
    }

    @Test func warningsFromOperationsReachTheObserverAndTheRecord() throws {
        let harness = Harness()
        let text = training.replacingOccurrences(of: "loss_curves(fit)", with: "loss_curves(fit, fit, fit)")
        let (record, _, observer) = try harness.run(text)
        #expect(observer.warnings == ["3 curves overlap; the plot may be hard to read"])
        #expect(record.statements.map(\.warnings) == [[], [], [], ["3 curves overlap; the plot may be hard to read"]])
    }

    @Test func theRunRecordRoundTripsThroughJSON() throws {
        let harness = Harness()
        let record = try harness.run(training).record
        #expect(try RunRecord.decode(record.jsonData()) == record)
    }
}

@Suite struct ValueSummaryTests {
    @Test func scalarsShowTheirLiteralTextAndDomainListsTheirSummaries() {
        #expect(Value.list([.int(1), .float(0.5)]).summary() == .text("[1, 0.5]"))
        #expect(Value.string("a\"b").summary() == .text("a\"b"))
        let fit = TestFit(seed: 1, loss: 0.25)
        #expect(Value.list([.domain(fit), .domain(fit)]).summary() == .list([fit.summary(), fit.summary()]))
    }
}

@Test func anInlineExpressionRunsAfterItsInputsAndIsCachedLikeAStatement() throws {
    let harness = Harness()
    let text = "# T\n\nThe sum is `{nb} add(b, 1000)`.\n\n```nb\na = add(1, 2)\nb = add(a, 10)\n```\n"
    let (first, ran, _) = try harness.run(text)
    #expect(first.statements.map(\.cell) == [0, 0, nil])
    #expect(first.statements.map(\.status) == [.ran, .ran, .ran])
    #expect(first.statements.last?.display == .text("1013"))
    #expect(first.statements.last?.type == "Int")
    #expect(ran == ["add": 3])
    let (second, ranAgain, _) = try harness.run(text)
    #expect(second.statements.last?.status == .cached)
    #expect(second.statements.last?.display == .text("1013"))
    #expect(ranAgain == [:])
}
