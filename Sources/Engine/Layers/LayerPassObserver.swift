/// Told when each layer of a `Sequential` starts and finishes a pass, as PyTorch's forward and
/// backward hooks are: `nb-bench --layers` times each layer inside real training steps with it,
/// where caches and the other passes are as training leaves them.
public protocol LayerPassObserver: AnyObject {
    /// Layer `index` is about to run its forward pass, or its backward pass if `backward`.
    func willRun(layer index: Int, backward: Bool)
    /// Layer `index` has finished that pass.
    func didRun(layer index: Int, backward: Bool)
}
