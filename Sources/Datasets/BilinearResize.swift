/// Resizes 8-bit planes from one size to another exactly as Pillow's
/// `Image.resize((width, height), Image.BILINEAR)` does (Pillow's `libImaging/Resample.c`).
///
/// The triangle filter's support widens with the scale when shrinking, so every source pixel
/// under an output pixel counts (antialiasing). Weights are computed in double precision,
/// normalized, and rounded to 22-bit fixed point; each pass rounds to bytes. One value resizes every plane of one source size: the weights are
/// computed once.
struct BilinearResize {
    /// The source size.
    let from: (height: Int, width: Int)
    /// The output size.
    let to: (height: Int, width: Int)
    private let horizontal: Weights
    private let vertical: Weights

    /// Fixed-point bits of the weights: Pillow's `PRECISION_BITS`, 32 − 8 − 2.
    private static let precisionBits = 22

    /// For each output index, the first source index read and the fixed-point weights from there.
    private struct Weights {
        let first: [Int]
        let weights: [[Int32]]

        /// Pillow's `precompute_coeffs` and `normalize_coeffs_8bpc` for `inSize` → `outSize`.
        init(inSize: Int, outSize: Int) {
            let scale = Double(inSize) / Double(outSize)
            let filterScale = max(scale, 1)
            let support = filterScale
            // Pillow multiplies by this reciprocal rather than dividing, which can round differently.
            let inverse = 1 / filterScale
            var first = [Int](repeating: 0, count: outSize)
            var weights = [[Int32]](repeating: [], count: outSize)
            for out in 0..<outSize {
                let center = (Double(out) + 0.5) * scale
                // `Int(_:)` truncates toward zero, as C's `(int)` does.
                let low = max(Int(center - support + 0.5), 0)
                let high = min(Int(center + support + 0.5), inSize)
                var raw = (low..<high).map { x in max(1 - abs((Double(x) - center + 0.5) * inverse), 0) }
                let total = raw.reduce(0, +)
                if total != 0 { raw = raw.map { $0 / total } }
                let unit = Double(1 << BilinearResize.precisionBits)
                first[out] = low
                weights[out] = raw.map { Int32($0 < 0 ? -0.5 + $0 * unit : 0.5 + $0 * unit) }
            }
            self.first = first
            self.weights = weights
        }

        /// The source indices read by any output index: where the vertical pass looks.
        var span: Range<Int> {
            guard let lastFirst = first.last, let lastWeights = weights.last, let start = first.first else {
                return 0..<0
            }
            return start..<(lastFirst + lastWeights.count)
        }
    }

    /// The weights for resizing `from` to `to`.
    init(from: (height: Int, width: Int), to: (height: Int, width: Int)) {
        self.from = from
        self.to = to
        horizontal = Weights(inSize: from.width, outSize: to.width)
        vertical = Weights(inSize: from.height, outSize: to.height)
    }

    /// Resizes the plane at `source` (`from.height × from.width` bytes) into `out`
    /// (`to.height × to.width` bytes). As Pillow does, a pass whose size does not change is
    /// skipped, and the horizontal pass goes first unless the image loses more than twice as many
    /// rows as columns; then the vertical one does (Pillow 13.0's `ImagingResample`, read from its
    /// machine code). The order matters: the intermediate image is rounded to bytes.
    func resize(_ source: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) {
        switch (to.width != from.width, to.height != from.height) {
        case (false, false):
            out.update(from: source, count: from.height * from.width)
        case (true, false):
            horizontalPass(source, rows: from.height, into: out)
        case (false, true):
            verticalPass(source, firstRow: 0, width: from.width, into: out)
        case (true, true) where from.height - to.height > max(2 * (from.width - to.width), 0):
            var middle = [UInt8](repeating: 0, count: to.height * from.width)
            middle.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                verticalPass(source, firstRow: 0, width: from.width, into: base)
                horizontalPass(base, rows: to.height, into: out)
            }
        case (true, true):
            // Only the rows the vertical pass reads are resized horizontally.
            let rows = vertical.span
            var middle = [UInt8](repeating: 0, count: rows.count * to.width)
            middle.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                horizontalPass(source + rows.lowerBound * from.width, rows: rows.count, into: base)
                verticalPass(base, firstRow: rows.lowerBound, width: to.width, into: out)
            }
        }
    }

    /// Resizes `rows` rows of `from.width` bytes at `source` to rows of `to.width` at `out`.
    private func horizontalPass(_ source: UnsafePointer<UInt8>, rows: Int, into out: UnsafeMutablePointer<UInt8>) {
        for row in 0..<rows {
            for x in 0..<to.width {
                write(out + row * to.width + x, horizontal, x) { source[row * from.width + $0] }
            }
        }
    }

    /// Resizes the columns of the rows at `source` (rows of `width` bytes, the first being source
    /// row `firstRow`) to `to.height` rows at `out`.
    private func verticalPass(
        _ source: UnsafePointer<UInt8>, firstRow: Int, width: Int, into out: UnsafeMutablePointer<UInt8>
    ) {
        for y in 0..<to.height {
            for x in 0..<width {
                write(out + y * width + x, vertical, y) { source[($0 - firstRow) * width + x] }
            }
        }
    }

    /// Writes output `index` of a pass with `weights` to `target`, reading source index `i` as `sample(i)`.
    @inline(__always)
    private func write(
        _ target: UnsafeMutablePointer<UInt8>, _ weights: Weights, _ index: Int, _ sample: (Int) -> UInt8
    ) {
        let first = weights.first[index]
        var sum = Int32(1 << (Self.precisionBits - 1))
        for (k, weight) in weights.weights[index].enumerated() { sum &+= Int32(sample(first + k)) &* weight }
        target.pointee = Self.clip(sum)
    }

    /// Pillow's `clip8`: the fixed-point sum as a byte, clamped.
    @inline(__always)
    private static func clip(_ sum: Int32) -> UInt8 {
        if sum >= 1 << (precisionBits + 8) { return 255 }
        if sum <= 0 { return 0 }
        return UInt8(sum >> precisionBits)
    }
}
