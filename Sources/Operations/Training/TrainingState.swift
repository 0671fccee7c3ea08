import Datasets
import Engine
import Foundation

/// What continuing a training run after an epoch needs besides the model's weights: Adam's step
/// count and moments, the batch order's and the noise's random generators, and the history so
/// far. Saved after every epoch, it makes a resumed run bit-identical to an uninterrupted one.
public struct TrainingState {
    /// Adam's updates so far.
    public var adamSteps: Int
    /// Adam's first and second moments, in the model's parameter order.
    public var firstMoments: [Tensor], secondMoments: [Tensor]
    /// The batch order's state.
    public var batches: Batches.State
    /// The reparameterisation noise generator's state.
    public var noise: SeededGenerator.State
    /// The mask generators' states of the model's dropout layers, in order.
    public var masks: [SeededGenerator.State]
    /// One entry per finished epoch.
    public var history: [EpochRecord]

    /// The state of a run after an epoch; the moments are the optimiser's own tensors, and
    /// `layers` the model's dropout layers.
    init(
        optimizer: Adam, layers: [any StochasticLayer], batches: Batches, noise: SeededGenerator,
        history: [EpochRecord]
    ) {
        adamSteps = optimizer.stepCount
        (firstMoments, secondMoments) = optimizer.moments
        self.batches = batches.state
        self.noise = noise.state
        masks = layers.map(\.generator.state)
        self.history = history
    }

    /// Puts the state back into a new run's optimiser, dropout layers and generators.
    func restore(
        into optimizer: Adam, layers: [any StochasticLayer], batches: inout Batches, noise: inout SeededGenerator
    ) throws {
        try optimizer.restore(stepCount: adamSteps, first: firstMoments, second: secondMoments)
        let restoredMasks = masks.compactMap(SeededGenerator.init(state:))
        guard batches.restore(self.batches), let restored = SeededGenerator(state: self.noise),
            restoredMasks.count == layers.count, masks.count == layers.count
        else {
            throw TrainingStateError.malformedGenerators
        }
        noise = restored
        for (layer, generator) in zip(layers, restoredMasks) { layer.generator = generator }
    }

    /// The scalars of the state, as the snapshot's JSON metadata.
    private struct Scalars: Codable {
        var adamSteps: Int
        var batches: Batches.State
        var noise: SeededGenerator.State
        var masks: [SeededGenerator.State]
    }

    /// The state without the history (which the snapshot's result holds) as safetensors bytes:
    /// the moments as tensors `adam.m.<i>` and `adam.v.<i>`, the rest as JSON metadata.
    func encoded() throws -> Data {
        var tensors: [String: Tensor] = [:]
        for index in firstMoments.indices {
            tensors["adam.m.\(index)"] = firstMoments[index]
            tensors["adam.v.\(index)"] = secondMoments[index]
        }
        let scalars = Scalars(adamSteps: adamSteps, batches: batches, noise: noise, masks: masks)
        let json = String(decoding: try JSONEncoder().encode(scalars), as: UTF8.self)
        return Data(try Safetensors(tensors: tensors, integers: [:], metadata: ["nb.state": json]).encoded())
    }

    /// Reads a state written by `encoded()`, with the `history` of the result saved beside it.
    static func decoded(from data: Data, moments count: Int, history: [EpochRecord]) throws -> TrainingState {
        let file = try Safetensors.decode([UInt8](data), path: "training snapshot")
        guard let json = file.metadata["nb.state"] else { throw TrainingStateError.noStateRecord }
        let scalars = try JSONDecoder().decode(Scalars.self, from: Data(json.utf8))
        var first: [Tensor] = [], second: [Tensor] = []
        for index in 0..<count {
            guard let m = file.tensors["adam.m.\(index)"], let v = file.tensors["adam.v.\(index)"] else {
                throw TrainingStateError.missingMoments(parameter: index)
            }
            first.append(m)
            second.append(v)
        }
        return TrainingState(
            adamSteps: scalars.adamSteps, firstMoments: first, secondMoments: second, batches: scalars.batches,
            noise: scalars.noise, masks: scalars.masks, history: history)
    }

    private init(
        adamSteps: Int, firstMoments: [Tensor], secondMoments: [Tensor], batches: Batches.State,
        noise: SeededGenerator.State, masks: [SeededGenerator.State], history: [EpochRecord]
    ) {
        self.adamSteps = adamSteps
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        self.batches = batches
        self.noise = noise
        self.masks = masks
        self.history = history
    }
}
