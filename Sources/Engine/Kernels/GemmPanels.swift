#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One thread's buffers for `packedGemm`: the last few rows of A padded to 8, one panel of B,
/// and one 8 × 32 tile for blocks cut by C's edge. Allocated on the thread's first product and
/// kept until it exits, so products allocate nothing.
struct GemmPanels {
    /// A's last rows, (depth, 8); B's panel, (depth, 32); the edge tile, (8, 32).
    let a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>, tile: UnsafeMutablePointer<Float>

    private static let aFloats = GemmTile.rows * GemmBlocking.maximumDepth
    private static let bFloats = GemmTile.columns * GemmBlocking.maximumDepth
    private static let floats = aFloats + bFloats + GemmTile.rows * GemmTile.columns

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { $0?.deallocate() }
        return key
    }()

    static func forThisThread() -> GemmPanels {
        let memory: UnsafeMutablePointer<Float>
        if let existing = pthread_getspecific(key) {
            memory = existing.assumingMemoryBound(to: Float.self)
        } else {
            memory = .allocate(capacity: floats)
            pthread_setspecific(key, memory)
        }
        return GemmPanels(a: memory, b: memory + aFloats, tile: memory + aFloats + bFloats)
    }

    /// `a` ← the `rows` (< 8) rows of A at `first`, (depth, 8), padded with zero rows: the
    /// micro-kernel never reads past A's last row.
    func packLastRows(_ first: UnsafePointer<Float>, rows: Int, aRow: Int, aDepth: Int, depth: Int) {
        a.update(repeating: 0, count: depth * GemmTile.rows)
        for r in 0..<rows {
            let from = first + r * aRow
            for p in 0..<depth { a[p * GemmTile.rows + r] = from[p * aDepth] }
        }
    }

    /// `b` ← op(B)[depth][columns] (at most 32 columns) as one (depth, 32) panel, padded with
    /// zero columns. A transposed B is turned 16 × 16 at a time in registers; copied one float at
    /// a time, the packing cost the NT products a third of their speed (72 against 104 GFLOP/s).
    func packB(transposeB: Bool, _ source: UnsafePointer<Float>, ldb: Int, depth: Range<Int>, columns: Range<Int>) {
        let kc = depth.count, width = columns.count
        guard transposeB else {
            b.update(repeating: 0, count: kc * GemmTile.columns)
            for p in 0..<kc {
                (b + p * GemmTile.columns).update(
                    from: source + (depth.lowerBound + p) * ldb + columns.lowerBound, count: width)
            }
            return
        }
        // op(B)[p][j] = source[j·ldb + p]: column j of the panel is row j of the stored B.
        var transposed = 0
        if width == GemmTile.columns {
            while transposed + 16 <= kc {
                for half in 0..<2 {
                    transpose16(
                        from: source + (columns.lowerBound + 16 * half) * ldb + depth.lowerBound + transposed,
                        ldFrom: ldb,
                        to: b + transposed * GemmTile.columns + 16 * half, ldTo: GemmTile.columns)
                }
                transposed += 16
            }
        } else {
            b.update(repeating: 0, count: kc * GemmTile.columns)
        }
        for j in 0..<width {
            let from = source + (columns.lowerBound + j) * ldb + depth.lowerBound, to = b + j
            for p in transposed..<kc { to[p * GemmTile.columns] = from[p] }
        }
    }

    /// C[0..<rows][0..<columns] (+)= the tile's corner.
    func addTile(rows: Int, columns: Int, accumulates: Bool, to c: UnsafeMutablePointer<Float>, ldc: Int) {
        for i in 0..<rows {
            let from = tile + i * GemmTile.columns, to = c + i * ldc
            if accumulates {
                for j in 0..<columns { to[j] += from[j] }
            } else {
                to.update(from: from, count: columns)
            }
        }
    }
}

/// to[c][r] = from[r][c] for a 16 × 16 block, in registers: four perfect-shuffle stages (each
/// pair of rows split into its even and its odd lanes) each rotate an element's 8-bit
/// row-and-column index by one bit, so four of them swap the row and the column.
@inline(__always)
private func transpose16(from: UnsafePointer<Float>, ldFrom: Int, to: UnsafeMutablePointer<Float>, ldTo: Int) {
    typealias Row = SIMD16<Float>
    func load(_ r: Int) -> Row { UnsafeRawPointer(from + r * ldFrom).loadUnaligned(as: Row.self) }
    var (r0, r1, r2, r3, r4, r5, r6, r7) = (load(0), load(1), load(2), load(3), load(4), load(5), load(6), load(7))
    var (r8, r9, r10, r11) = (load(8), load(9), load(10), load(11))
    var (r12, r13, r14, r15) = (load(12), load(13), load(14), load(15))
    for _ in 0..<4 {
        let p0 = SIMD32(lowHalf: r0, highHalf: r1), p1 = SIMD32(lowHalf: r2, highHalf: r3)
        let p2 = SIMD32(lowHalf: r4, highHalf: r5), p3 = SIMD32(lowHalf: r6, highHalf: r7)
        let p4 = SIMD32(lowHalf: r8, highHalf: r9), p5 = SIMD32(lowHalf: r10, highHalf: r11)
        let p6 = SIMD32(lowHalf: r12, highHalf: r13), p7 = SIMD32(lowHalf: r14, highHalf: r15)
        (r0, r1, r2, r3) = (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf)
        (r4, r5, r6, r7) = (p4.evenHalf, p5.evenHalf, p6.evenHalf, p7.evenHalf)
        (r8, r9, r10, r11) = (p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
        (r12, r13, r14, r15) = (p4.oddHalf, p5.oddHalf, p6.oddHalf, p7.oddHalf)
    }
    func store(_ row: Row, _ r: Int) { UnsafeMutableRawPointer(to + r * ldTo).storeBytes(of: row, as: Row.self) }
    store(r0, 0)
    store(r1, 1)
    store(r2, 2)
    store(r3, 3)
    store(r4, 4)
    store(r5, 5)
    store(r6, 6)
    store(r7, 7)
    store(r8, 8)
    store(r9, 9)
    store(r10, 10)
    store(r11, 11)
    store(r12, 12)
    store(r13, 13)
    store(r14, 14)
    store(r15, 15)
}
