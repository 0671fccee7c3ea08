import Engine

/// How far analytic gradients are from central finite differences, per checked tensor.
public struct GradientCheckResult: CustomStringConvertible {
    /// One checked tensor: its name and its worst element's error in units of the allowed error.
    public struct Entry {
        /// `input`, `weight`, `bias`, …
        public let name: String
        /// max over elements of |analytic − numeric| / allowed; above 1 fails.
        public let error: Double
    }

    /// Every checked tensor, inputs first.
    public let entries: [Entry]

    /// Whether every entry is within its allowance.
    public var passed: Bool { entries.allSatisfy { $0.error <= 1 } }

    /// One line per entry, for a failing test's message.
    public var description: String {
        entries.map { "\($0.name): \($0.error) of the allowed error" }.joined(separator: "\n")
    }
}

/// Checks gradients against central differences of a scalar loss.
///
/// Each variable is perturbed element by element by ±`step`; the loss is evaluated in the
/// engine's Float32 but summed in Double, so the difference quotient stays accurate. An element
/// passes when |analytic − numeric| ≤ `relativeTolerance` · max(|analytic|, |numeric|) +
/// `absoluteTolerance` · G, where G is the largest gradient element of the whole check: the
/// absolute part absorbs Float32 rounding where the true gradient is zero (a bias before BatchNorm),
/// the relative part catches any wrong formula. Tensors with more than `maximumElements` elements
/// are checked at that many evenly spread elements.
///
/// - Parameters:
///   - variables: the tensors to perturb (inputs and parameter values), with names for the report.
///   - loss: evaluates the scalar loss from the variables' current values.
///   - gradients: runs forward and backward once and returns each variable's analytic gradient, in order.
public func checkGradients(
    variables: [(name: String, tensor: Tensor)],
    loss: () -> Double,
    gradients: () -> [Tensor],
    step: Float = 1e-3,
    relativeTolerance: Double = 1e-2,
    absoluteTolerance: Double = 1e-3,
    maximumElements: Int = 400
) -> GradientCheckResult {
    let analytic = gradients().map { $0.copy() }
    precondition(analytic.count == variables.count, "one gradient per variable")
    var differences: [[(analytic: Double, numeric: Double)]] = []
    for (index, variable) in variables.enumerated() {
        let tensor = variable.tensor
        let stride = max(1, tensor.count / maximumElements)
        var pairs: [(analytic: Double, numeric: Double)] = []
        for i in Swift.stride(from: 0, to: tensor.count, by: stride) {
            let saved = tensor[i]
            tensor[i] = saved + step
            let plus = loss()
            tensor[i] = saved - step
            let minus = loss()
            tensor[i] = saved
            pairs.append((Double(analytic[index][i]), (plus - minus) / (2 * Double(step))))
        }
        differences.append(pairs)
    }
    let largest = differences.joined().map { max(abs($0.analytic), abs($0.numeric)) }.max() ?? 0
    let entries = zip(variables, differences).map { variable, pairs in
        let error =
            pairs.map { pair in
                let allowed =
                    relativeTolerance * max(abs(pair.analytic), abs(pair.numeric)) + absoluteTolerance * largest
                return abs(pair.analytic - pair.numeric) / max(allowed, .leastNonzeroMagnitude)
            }.max() ?? 0
        return GradientCheckResult.Entry(name: variable.name, error: error)
    }
    return GradientCheckResult(entries: entries)
}

/// Checks a layer's input and parameter gradients on a random input of shape `inputShape`, with
/// the random-projection loss L = Σ r ⊙ layer(x) so every output element matters.
///
/// Inputs are drawn from N(0, 1) but kept at least `kinkMargin` away from 0, where ReLU-like
/// functions are not differentiable and a difference quotient across the kink would be wrong.
public func checkGradients(
    of layer: any Layer, inputShape: Shape, seed: UInt64 = 1, kinkMargin: Float = 0.05
) -> GradientCheckResult {
    var generator = SeededGenerator(seed: seed)
    let input = randomTensor(inputShape, generator: &generator, kinkMargin: kinkMargin)
    let projection = randomTensor(layer.outputShape(for: inputShape), generator: &generator, kinkMargin: 0)
    let variables = [("input", input)] + layer.parameters.map { ($0.name, $0.value) }
    return checkGradients(
        variables: variables,
        loss: { dot(layer.forward(input), projection) },
        gradients: {
            layer.zeroGrad()
            _ = layer.forward(input)
            let gradInput = layer.backward(gradOutput: projection)
            return [gradInput] + layer.parameters.map(\.grad)
        })
}

/// A tensor of N(0, 1) samples, each at least `kinkMargin` away from zero.
public func randomTensor(_ shape: Shape, generator: inout SeededGenerator, kinkMargin: Float = 0) -> Tensor {
    let tensor = Tensor(zeros: shape)
    for i in 0..<tensor.count {
        var value = generator.nextGaussian()
        if abs(value) < kinkMargin { value = value < 0 ? value - kinkMargin : value + kinkMargin }
        tensor[i] = value
    }
    return tensor
}

/// Σ a ⊙ b in Double.
public func dot(_ a: Tensor, _ b: Tensor) -> Double {
    precondition(a.count == b.count, "dot of \(a.shape) and \(b.shape)")
    var total = 0.0
    for i in 0..<a.count { total += Double(a[i]) * Double(b[i]) }
    return total
}
