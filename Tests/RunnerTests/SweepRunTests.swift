import Foundation
import Notebook
import Runner
import Testing

/// A notebook of `code` as one cell, `epochs` swept over 1 and 2 in its front matter.
private func sweepNotebook(_ code: String) -> String {
    "---\nseed: 5\nparams:\n  epochs: sweep([1, 2])\n---\n# Sweep\n\n```nb\n" + code + "\n```\n"
}

private let grid = sweepNotebook(gridCell + "\nall = gathered(fits)\nall")

/// Asks the run to stop once `count` trainings have finished, as a Ctrl-C between members would.
private final class StopAfter: RunObserver, @unchecked Sendable {
    // The lock guards `finished`; hence @unchecked.
    private let lock = NSLock()
    private var finished = 0
    let count: Int
    let stop = StopRequest()

    init(count: Int) { self.count = count }

    func receive(_ event: RunEvent) {
        guard case .statementFinished(let info, .ran, _, _, _, _) = event, info.binding == "fits" else { return }
        lock.lock()
        defer { lock.unlock() }
        finished += 1
        if finished == count { stop.request() }
    }
}

@Suite struct SweepRunTests {
    @Test func sharedStatementsRunOnceAndEachMemberOnce() throws {
        let harness = Harness()
        let (record, ran, _) = try harness.run(grid)
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 8, "gathered": 1])
        #expect(record.statements.count == 12)
        #expect(record.statements.map(\.member) == [nil, nil] + SweepCheckTests.gridLabels + [nil, nil])
        #expect(record.succeeded)
        let (again, ranAgain, _) = try harness.run(grid)
        #expect(ranAgain == [:])
        #expect(again.statements.allSatisfy { $0.status == .cached })
    }

    @Test func anAggregatingOperationReceivesEveryMemberWithItsAxisValues() throws {
        let (record, _, _) = try Harness().run(grid)
        #expect(
            record.statements.last?.display
                == .text(
                    "epochs=1 lr=0.1 seed=1: 1.0; epochs=1 lr=0.1 seed=2: 1.0; epochs=1 lr=0.01 seed=1: 1.0; "
                        + "epochs=1 lr=0.01 seed=2: 1.0; epochs=2 lr=0.1 seed=1: 0.5; epochs=2 lr=0.1 seed=2: 0.5; "
                        + "epochs=2 lr=0.01 seed=1: 0.5; epochs=2 lr=0.01 seed=2: 0.5 | epochs=1, lr=0.1 ×2; "
                        + "epochs=1, lr=0.01 ×2; epochs=2, lr=0.1 ×2; epochs=2, lr=0.01 ×2"))
    }

    @Test func eachArgumentOfAVariadicGatheringParameterIsASweepOfItsOwn() throws {
        let (record, _, _) = try Harness().run(
            sweepNotebook(
                "d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: epochs)\ng = train(m, on: d)\n"
                    + "gathered(f, g)"))
        #expect(
            record.statements.last?.display
                == .text("epochs=1: 1.0; epochs=2: 0.5 | epochs=1 ×1; epochs=2 ×1 / : 0.1 |  ×1"))
    }

    @Test func seedsAreTheMembersSeedsAndOtherAxesShareTheStatementsSeed() throws {
        let harness = Harness()
        let (record, _, _) = try harness.run(
            sweepNotebook("d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, lr: sweep([0.1, 0.2]))\nf"))
        let fits = record.statements.filter { $0.binding == nil }
        #expect(fits.count == 2)
        // Both learning rates train from the statement's one seed, so they differ only in lr.
        #expect(Set(record.statements.filter { $0.binding == "f" }.map(\.seed)).count == 1)
        let (seeded, _, _) = try harness.run(
            sweepNotebook("d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, seed: seeds(3))\nf"))
        let shown = seeded.statements.filter { $0.binding == nil }.map(\.display)
        #expect(
            shown
                == [1, 2, 3].map { seed in
                    .table(
                        DisplayTable(
                            columns: ["metric", "value"],
                            rows: [[.text("loss"), .number(0.1)], [.text("seed"), .text("\(seed)")]]))
                })
    }

    @Test func growingTheGridRunsOnlyTheNewMembers() throws {
        let harness = Harness()
        _ = try harness.run(grid)
        let grown = grid.replacingOccurrences(of: "seeds(2)", with: "seeds(3)")
        let (record, ran, _) = try harness.run(grown)
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 4, "gathered": 1])
        let fits = record.statements.filter { $0.binding == "fits" }
        #expect(fits.count == 12)
        #expect(
            fits.filter { $0.status == .ran }.map(\.member) == [
                "epochs=1, lr=0.1, seed=3", "epochs=1, lr=0.01, seed=3", "epochs=2, lr=0.1, seed=3",
                "epochs=2, lr=0.01, seed=3",
            ])
        #expect(fits.filter { $0.status == .ran }.map(\.reason) == Array(repeating: .new, count: 4))
        // The gathering statement says how the grid grew, as the notebook writes its values.
        let gathered = record.statements.first { $0.binding == "all" }?.reason?.description
        #expect(
            gathered
                == "argument 'fits' changed (epochs 1, 2 × lr 0.1, 0.01 × seed 1, 2 → epochs 1, 2 × lr 0.1, 0.01 × seed 1, "
                + "2, 3)")
        let (_, overridden, _) = try harness.run(grown, overrides: ["epochs=2,3"])
        #expect(overridden == ["mnist": 1, "mlp": 1, "train": 6, "gathered": 1])
    }

    @Test func aStoppedSweepKeepsItsFinishedMembersAndTheNextRunTrainsTheRest() throws {
        let harness = Harness()
        let stopper = StopAfter(count: 3)
        let executor = try harness.executor(grid)
        let stopped = Executor(
            plan: executor.plan, cache: harness.cache, observer: stopper, stop: stopper.stop
        ).run()
        #expect(harness.counter.take() == ["mnist": 1, "mlp": 1, "train": 3])
        #expect(
            stopped.statements.filter { $0.binding == "fits" }.map(\.status) == [.ran, .ran, .ran]
                + Array(repeating: .skipped, count: 5))
        let (record, ran, _) = try harness.run(grid)
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 5, "gathered": 1])
        #expect(
            record.statements.filter { $0.binding == "fits" }.map(\.status) == [.cached, .cached, .cached]
                + Array(repeating: .ran, count: 5))
    }

    @Test func anOperationOfOneValueIsLiftedOverASweptArgument() throws {
        let harness = Harness()
        let (record, ran, _) = try harness.run(
            sweepNotebook("d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: epochs)\nloss_curves(f)"))
        #expect(ran == ["mnist": 1, "mlp": 1, "train": 2, "loss_curves": 2])
        let figures = record.statements.filter { $0.binding == nil }
        #expect(figures.map(\.member) == ["epochs=1", "epochs=2"])
        #expect(figures.map(\.type) == ["Figure", "Figure"])
        #expect(figures.map(\.lifted) == ["Figure ×2 (epochs 2)", "Figure ×2 (epochs 2)"])
        #expect(record.statements.first?.lifted == nil)
        // A new point's figure is new; it is not taken for the figure that stood at its place.
        let (grown, _, _) = try harness.run(
            sweepNotebook("d = mnist()\nm = mlp(hidden: [4])\nf = train(m, on: d, epochs: epochs)\nloss_curves(f)"),
            overrides: ["epochs=1,2,3"])
        #expect(grown.statements.filter { $0.binding == nil }.map(\.reason) == [nil, nil, .new])
    }
}
