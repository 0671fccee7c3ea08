/// A model whose tensors have PyTorch state_dict names: what a checkpoint saves and loads.
public protocol NamedTensors: AnyObject {
    /// Every parameter with its state_dict name, in registration order.
    var namedParameters: [(name: String, parameter: Parameter)] { get }
    /// Every buffer with its state_dict name.
    var namedBuffers: [Buffer] { get }
}

extension VariationalAutoencoder: NamedTensors {}
extension Classifier: NamedTensors {}

extension NamedTensors {
    /// The model's state as PyTorch's `state_dict()` would hold it: parameters and float buffers by
    /// name, BatchNorm's `num_batches_tracked` as int64. Tensors are shared, not copied.
    public func checkpoint(metadata: [String: String] = [:]) -> Safetensors {
        var tensors: [String: Tensor] = [:]
        var integers: [String: Int64Tensor] = [:]
        for (name, parameter) in namedParameters { tensors[name] = parameter.value }
        for buffer in namedBuffers {
            if buffer.isInteger {
                integers[buffer.name] = Int64Tensor(
                    shape: buffer.value.shape, values: buffer.value.values.map { Int64($0) })
            } else {
                tensors[buffer.name] = buffer.value
            }
        }
        return Safetensors(tensors: tensors, integers: integers, metadata: metadata)
    }

    /// Copies every tensor of `checkpoint` into the model, after checking that names and shapes
    /// match exactly; `path` names the file in errors. Nothing is changed when it throws.
    public func load(_ checkpoint: Safetensors, path: String) throws {
        var expected: [String: (tensor: Tensor, isInteger: Bool)] = [:]
        for (name, parameter) in namedParameters { expected[name] = (parameter.value, false) }
        for buffer in namedBuffers { expected[buffer.name] = (buffer.value, buffer.isInteger) }
        let provided = Set(checkpoint.tensors.keys).union(checkpoint.integers.keys)
        if let extra = provided.subtracting(expected.keys).sorted().first {
            throw CheckpointError.unexpectedTensor(path: path, name: extra)
        }
        for (name, target) in expected.sorted(by: { $0.key < $1.key }) {
            let shape = target.isInteger ? checkpoint.integers[name]?.shape : checkpoint.tensors[name]?.shape
            guard let shape else { throw CheckpointError.missingTensor(path: path, name: name) }
            guard shape == target.tensor.shape else {
                throw CheckpointError.shapeMismatch(
                    path: path, name: name, expected: target.tensor.shape.dimensions, actual: shape.dimensions)
            }
        }
        for (name, target) in expected {
            if target.isInteger, let integer = checkpoint.integers[name] {
                for (index, value) in integer.values.enumerated() { target.tensor[index] = Float(value) }
            } else if let tensor = checkpoint.tensors[name] {
                target.tensor.copy(from: tensor)
            }
        }
    }
}
