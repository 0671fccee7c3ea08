import Foundation
import Runner

/// What a kind of training supplies to `TrainingSession`: how to read back the result and the
/// state it saved after an epoch, and its own training loop. The session does what every kind
/// shares (resuming, snapshots, progress, interruption), so a new task, such as a classifier's,
/// conforms to this rather than copying them.
protocol TrainingTask {
    /// The finished run's value, which is also what a snapshot saves as its result.
    associatedtype Result: DomainValue
    /// Where a run continues from a snapshot: the weights and the optimiser's state then.
    associatedtype Continuation

    /// The epochs the run trains.
    var epochs: Int { get }
    /// The batches in each epoch.
    var batchesPerEpoch: Int { get }
    /// The result saved after `epochs` epochs; throws when it is not of this run.
    func savedResult(_ data: Data, epochs: Int) throws -> Result
    /// How to continue from `result` and the state saved beside it.
    func continuation(from result: Result, state: Data) throws -> Continuation
    /// Trains to `epochs`, from `continuation` if given, reporting through `hooks`.
    func train(from continuation: Continuation?, hooks: TrainingHooks) throws -> Result
}

/// What the session hands a task's training loop: whether to stop, and what to call after each
/// batch and each epoch.
struct TrainingHooks {
    /// Whether a stop was requested; the loop then throws `TrainingInterrupted` at the next batch.
    let shouldStop: () -> Bool
    /// Called after every batch.
    let batchFinished: (TrainingProgress) -> Void
    /// Called after every epoch.
    let epochFinished: (EpochSnapshot) -> Void
}

/// A finished epoch: its number, its validation loss if there is validation data, and how to
/// encode the snapshot a later run can continue from (only called when there is a store).
struct EpochSnapshot {
    /// 1-based; also the number of epochs finished.
    let epoch: Int
    /// The loss on the validation data after the epoch.
    let validationLoss: Double?
    /// The result and the training state after the epoch, as the snapshot store keeps them.
    let encode: () throws -> (result: Data, state: Data)
}

/// Runs a `TrainingTask` for a resumable operation: continues from the snapshot the runner
/// chose, saves one after every epoch, reports progress and the loss curves, and turns a stop
/// request into `Interrupted`.
struct TrainingSession<Task: TrainingTask> {
    /// The task's own parts.
    let task: Task
    /// The statement's context: its snapshots, observer and stop request.
    let context: RunContext

    /// Where a run starts when it does not start over.
    private enum Start {
        case finished(Task.Result)
        case continuing(Task.Continuation, epochs: Int)
    }

    /// Trains, or takes the finished result from a snapshot.
    func run() throws -> Task.Result {
        var continuation: Task.Continuation?
        var finishedEpochs = 0
        switch resume() {
        case .finished(let result): return result
        case .continuing(let state, let epochs): (continuation, finishedEpochs) = (state, epochs)
        case nil: break
        }
        let batches = task.batchesPerEpoch
        let progress = context.progress(total: batches * task.epochs, unit: "batch")
        if continuation != nil { progress.advance(by: finishedEpochs * batches) }
        let store = context.snapshots?.store
        let hooks = TrainingHooks(
            shouldStop: { context.stopRequested },
            batchFinished: { report($0, to: progress) },
            epochFinished: { save($0, to: store) })
        do {
            return try task.train(from: continuation, hooks: hooks)
        } catch let stopped as TrainingInterrupted {
            let finished = stopped.epoch - 1
            throw Interrupted(
                at: TrainingMessage.stopped(stopped).description,
                kept: finished > 0 && store != nil ? TrainingMessage.kept(epoch: finished).description : nil)
        }
    }

    /// The result or the continuation of the snapshot the runner chose to start from; nil to
    /// start over, with a warning when that snapshot cannot be used.
    private func resume() -> Start? {
        guard let start = context.snapshots?.start, let store = context.snapshots?.store else { return nil }
        do {
            let result = try task.savedResult(try store.result(step: start.step), epochs: start.step)
            if case .exact = start {
                context.resumed(from: start.step)
                return .finished(result)
            }
            let continuation = try task.continuation(from: result, state: try store.state(step: start.step))
            context.resumed(from: start.step)
            return .continuing(continuation, epochs: start.step)
        } catch {
            context.warn(TrainingMessage.cannotResume(epoch: start.step, reason: error).description)
            return nil
        }
    }

    /// Counts a batch; reports the training loss every 20th and refreshes the message every
    /// tenth (and at each epoch's end), to keep logs light.
    private func report(_ update: TrainingProgress, to progress: Runner.Progress) {
        let refresh = update.batch % 10 == 0 || update.batch == update.batches
        progress.advance(message: refresh ? TrainingMessage.progress(update).description : nil)
        if update.batch % 20 == 0 || update.batch == update.batches {
            let step = Double(update.epoch - 1) + Double(update.batch) / Double(update.batches)
            context.measured("train loss", step: step, value: update.runningLoss)
        }
    }

    /// Reports the epoch's validation loss and saves its snapshot, warning when it cannot.
    private func save(_ snapshot: EpochSnapshot, to store: SnapshotStore?) {
        if let validation = snapshot.validationLoss {
            context.measured("validation loss", step: Double(snapshot.epoch), value: validation)
        }
        guard let store else { return }
        do {
            let (result, state) = try snapshot.encode()
            try store.save(result: result, state: state, step: snapshot.epoch)
        } catch {
            context.warn(TrainingMessage.cannotSave(epoch: snapshot.epoch, reason: error).description)
        }
    }
}
