import Engine

/// What the comparisons ask of a trained model: reconstructions, decoded codes and posterior
/// means, as plain pixel arrays ready for figures. All run in evaluation mode.
extension VariationalAutoencoder {
    /// σ(decoder(μ(x))) for each image, as `count·pixels` values in [0, 1].
    func reconstructionPixels(of images: Tensor) -> [Float] {
        decodedPixels(latentMeans(of: images))
    }

    /// The decoder's pixel probabilities for codes z (N, latent), as `N·pixels` values.
    func decodedPixels(_ z: Tensor) -> [Float] {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        return decode(z).values
    }

    /// μ(x) for every image, (N, latent), computed in batches of `batch`.
    func latentMeans(of images: Tensor, batch: Int = 128) -> Tensor {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        let count = images.shape[0]
        let means = Tensor(zeros: [count, latent])
        var start = 0
        while start < count {
            let end = min(start + batch, count)
            let batchMeans = encodeMean(images.items(start..<end))
            (means.data + start * latent).update(from: batchMeans.data, count: batchMeans.count)
            start = end
        }
        return means
    }
}

/// Codes along the straight line from `from` to `to` (each (latent)), `steps` of them including
/// both ends: (steps, latent).
func interpolate(from: [Float], to: [Float], steps: Int) -> Tensor {
    let latent = from.count
    let codes = Tensor(zeros: [steps, latent])
    for step in 0..<steps {
        let t = steps > 1 ? Float(step) / Float(steps - 1) : 0
        for j in 0..<latent { codes[step * latent + j] = (1 - t) * from[j] + t * to[j] }
    }
    return codes
}

/// Projects points (N, D) onto their first two principal components (for D > 2; D ≤ 2 is
/// returned as is, padded with zeros). Deterministic: power iteration from a fixed start, with
/// each component's sign fixed so its largest coordinate is positive.
func principalComponents2D(_ points: Tensor) -> (x: [Float], y: [Float]) {
    let n = points.shape[0], d = points.shape[1]
    let p = points.data
    if d <= 2 {
        return ((0..<n).map { p[$0 * d] }, (0..<n).map { d == 2 ? p[$0 * d + 1] : 0 })
    }
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<n { for j in 0..<d { mean[j] += Double(p[i * d + j]) } }
    for j in 0..<d { mean[j] /= Double(max(n, 1)) }
    var covariance = [Double](repeating: 0, count: d * d)
    for i in 0..<n {
        for a in 0..<d {
            let da = Double(p[i * d + a]) - mean[a]
            for b in a..<d { covariance[a * d + b] += da * (Double(p[i * d + b]) - mean[b]) }
        }
    }
    for a in 0..<d { for b in 0..<a { covariance[a * d + b] = covariance[b * d + a] } }
    let first = dominantEigenvector(covariance, size: d, orthogonalTo: nil)
    let second = dominantEigenvector(covariance, size: d, orthogonalTo: first)
    var xs = [Float](repeating: 0, count: n), ys = [Float](repeating: 0, count: n)
    for i in 0..<n {
        var u = 0.0, v = 0.0
        for j in 0..<d {
            let centered = Double(p[i * d + j]) - mean[j]
            u += centered * first[j]
            v += centered * second[j]
        }
        xs[i] = Float(u)
        ys[i] = Float(v)
    }
    return (xs, ys)
}

/// The unit eigenvector of the largest eigenvalue of a symmetric matrix, optionally within the
/// complement of another unit vector (deflation by projection).
private func dominantEigenvector(_ matrix: [Double], size d: Int, orthogonalTo other: [Double]?) -> [Double] {
    var vector = (0..<d).map { 1 / Double($0 + 1) }
    func removeOther(_ v: inout [Double]) {
        guard let other else { return }
        let projection = zip(v, other).map(*).reduce(0, +)
        for j in 0..<d { v[j] -= projection * other[j] }
    }
    for _ in 0..<500 {
        removeOther(&vector)
        var next = [Double](repeating: 0, count: d)
        for a in 0..<d { for b in 0..<d { next[a] += matrix[a * d + b] * vector[b] } }
        removeOther(&next)
        let norm = next.map { $0 * $0 }.reduce(0, +).squareRoot()
        guard norm > 0 else { break }
        vector = next.map { $0 / norm }
    }
    if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), vector[largest] < 0 {
        vector = vector.map { -$0 }
    }
    return vector
}
