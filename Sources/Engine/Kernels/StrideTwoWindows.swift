// Stride-2 windows, eight at a time.
//
// A stride-2 window row reads every other pixel, so the general im2col and col2im loops moved
// one float per instruction and tested bounds on every row: on the CNN's 7- and 14-wide grids
// they took about 10% of a training step. Here each image plane is first copied into a
// zero-bordered plane wide enough that eight windows of a row are the even lanes of one
// 16-float load, with no bounds test. Col2im adds into such a plane and then adds its interior
// back onto the image.

extension WindowGeometry {
    /// Whether the eight-lane stride-2 paths below apply.
    var usesEvenLanes: Bool { stride == 2 }

    /// Window columns in groups of eight.
    var laneGroups: Int { (columnWidth + 7) / 8 }

    /// The bordered plane: the image and its padding, and room for every 16-float load
    /// (window column 8·(groups − 1) of kernel column K − 1 reads up to K + 16·groups − 2).
    var borderedWidth: Int { max(width + 2 * padding, kernel - 1 + 16 * laneGroups) }
    var borderedHeight: Int { max(height + 2 * padding, (columnHeight - 1) * stride + kernel) }
    var borderedPlane: Int { borderedWidth * borderedHeight }

    /// Floats of bordered planes that one block of `images` images needs (none off this path).
    func borderedFloats(images: Int) -> Int { usesEvenLanes ? images * borderedPlane : 0 }

    /// Floats past a column block's end that eight-lane stores may write and loads may read.
    static let laneSlack = 8
}

/// Copies channel `c` of `images` into zero-bordered planes: plane i (Hb, Wb) holds image
/// `images.lowerBound + i` at row and column offset `padding`, and zeros around it.
///
/// One memset zeroes the planes, then each image row is copied eight floats at a time (the
/// last eight overlapping the ones before): per-row memset and memmove calls for 1–3 floats of
/// border and 14 of row took longer than the gathers themselves.
private func border(
    _ image: UnsafePointer<Float>, _ g: WindowGeometry, channel c: Int, images: Range<Int>,
    into bordered: UnsafeMutablePointer<Float>
) {
    let wb = g.borderedWidth, p = g.padding, w = g.width
    bordered.update(repeating: 0, count: images.count * g.borderedPlane)
    for n in images {
        let plane = image + (n * g.channels + c) * g.height * w
        let to = bordered + (n - images.lowerBound) * g.borderedPlane + p * wb + p
        for ih in 0..<g.height {
            let source = plane + ih * w, target = to + ih * wb
            guard w >= 8 else {
                for iw in 0..<w { target[iw] = source[iw] }
                continue
            }
            var iw = 0
            while iw < w {
                let start = min(iw, w - 8)
                let pixels = UnsafeRawPointer(source + start).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(target + start).storeBytes(of: pixels, as: SIMD8<Float>.self)
                iw += 8
            }
        }
    }
}

/// im2col for stride 2, as `Im2col.run` specifies. Every store writes eight lanes, so a row's
/// last group spills up to seven floats past it; stores go in increasing address order, so a
/// later store overwrites each spill, except past the block's end, which needs `laneSlack`.
///
/// image (N, C, H, W) → columns (C·K·K, count·Hc·Wc); bordered (count, Hb, Wb) is scratch.
func gatherEvenLanes(
    _ image: UnsafePointer<Float>, _ g: WindowGeometry, images: Range<Int>,
    columns: UnsafeMutablePointer<Float>, rowStride: Int, firstImage: Int, bordered: UnsafeMutablePointer<Float>
) {
    let grid = g.columnHeight * g.columnWidth, wb = g.borderedWidth, cw = g.columnWidth
    for c in 0..<g.channels {
        border(image, g, channel: c, images: images, into: bordered)
        for kh in 0..<g.kernel {
            for kw in 0..<g.kernel {
                let row = columns + ((c * g.kernel + kh) * g.kernel + kw) * rowStride
                for n in images {
                    let from = bordered + (n - images.lowerBound) * g.borderedPlane + kh * wb + kw
                    let to = row + (n - firstImage) * grid
                    for oh in 0..<g.columnHeight {
                        let source = from + 2 * oh * wb, target = to + oh * cw
                        var ow = 0
                        while ow < cw {
                            let pixels = UnsafeRawPointer(source + 2 * ow).loadUnaligned(as: SIMD16<Float>.self)
                            UnsafeMutableRawPointer(target + ow).storeBytes(of: pixels.evenHalf, as: SIMD8<Float>.self)
                            ow += 8
                        }
                    }
                }
            }
        }
    }
}

/// col2im for stride 2, as `Col2im.run` specifies: adds the columns into zeroed bordered planes
/// eight windows at a time, then adds each plane's interior onto the image. A row's last group
/// loads up to seven floats past it, masked to zero, so the columns need `laneSlack` past
/// their end.
///
/// columns (C·K·K, count·Hc·Wc) → image (N, C, H, W), +=; bordered (count, Hb, Wb) is scratch.
func scatterEvenLanes(
    columns: UnsafePointer<Float>, rowStride: Int, firstImage: Int, _ g: WindowGeometry, images: Range<Int>,
    image: UnsafeMutablePointer<Float>, bordered: UnsafeMutablePointer<Float>
) {
    let grid = g.columnHeight * g.columnWidth, wb = g.borderedWidth, cw = g.columnWidth
    let lastGroup = 8 * (g.laneGroups - 1)
    let lastGroupLanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .< SIMD8(repeating: Int32(cw - lastGroup))
    for c in 0..<g.channels {
        bordered.update(repeating: 0, count: images.count * g.borderedPlane)
        for kh in 0..<g.kernel {
            for kw in 0..<g.kernel {
                let row = columns + ((c * g.kernel + kh) * g.kernel + kw) * rowStride
                for n in images {
                    let to = bordered + (n - images.lowerBound) * g.borderedPlane + kh * wb + kw
                    let from = row + (n - firstImage) * grid
                    for oh in 0..<g.columnHeight {
                        let source = from + oh * cw, target = to + 2 * oh * wb
                        var ow = 0
                        while ow < cw {
                            var values = UnsafeRawPointer(source + ow).loadUnaligned(as: SIMD8<Float>.self)
                            if ow == lastGroup { values.replace(with: 0, where: .!lastGroupLanes) }
                            var spread = SIMD16<Float>()
                            spread.evenHalf = values
                            let sum = UnsafeRawPointer(target + 2 * ow).loadUnaligned(as: SIMD16<Float>.self) + spread
                            UnsafeMutableRawPointer(target + 2 * ow).storeBytes(of: sum, as: SIMD16<Float>.self)
                            ow += 8
                        }
                    }
                }
            }
        }
        for n in images {
            let plane = image + (n * g.channels + c) * g.height * g.width
            let from = bordered + (n - images.lowerBound) * g.borderedPlane + g.padding * wb + g.padding
            for ih in 0..<g.height {
                addVector(from + ih * wb, into: plane + ih * g.width, count: g.width)
            }
        }
    }
}
